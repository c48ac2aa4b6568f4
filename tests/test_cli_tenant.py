"""The shell joined to a tenant: clock, connection at start, toolbar status, -Tenant loading."""
import subprocess
import sys
import textwrap

from msolsh import cli_tenant
from msolsh.runtime.host import MemoryHost
from msolsh.runtime.session import Session
from msolsh.tenant.fixtures import load_fixture, load_fixture_text

SMALL = textwrap.dedent("""\
    schema: 1
    tenant: {name: Contoso, initialDomain: contoso.onmicrosoft.com}
    startConnected: {connected}
    """)


def shell_on(tenant):
    host = MemoryHost()
    session = Session(host=host)
    cli_tenant.attach(session, tenant)
    host.clear_transcript()
    return session, host


def test_start_sleep_moves_the_tenant_clock_and_get_date_reads_it():
    tenant = load_fixture("contoso")
    session, host = shell_on(tenant)
    before = tenant.clock.now
    session.run("Start-Sleep -Seconds 600; (Get-Date).ToString('yyyy-MM-dd HH:mm:ss')")
    assert (tenant.clock.now - before).total_seconds() == 600
    assert host.text == tenant.clock.now.strftime("%Y-%m-%d %H:%M:%S") + "\n"


def test_a_fixture_can_start_connected():
    tenant = load_fixture_text(SMALL.replace("{connected}", "true"), "small.yaml")
    session, host = shell_on(tenant)
    session.run("Get-MsolUser")
    assert "Connect-MsolService" not in host.text


def test_by_default_the_trainee_connects_first():
    tenant = load_fixture_text(SMALL.replace("{connected}", "false"), "small.yaml")
    session, host = shell_on(tenant)
    session.run("Get-MsolUser")
    assert "You must call the Connect-MsolService cmdlet before calling any other cmdlets." in host.text


def test_status_for_the_toolbar():
    tenant = load_fixture("contoso")
    session, _ = shell_on(tenant)
    status = session.status()
    assert status["tenant"] == "contoso.onmicrosoft.com"
    assert status["time"] == tenant.clock.now.replace(tzinfo=None)
    assert status["staging"] is False
    assert status["next_sync"].total_seconds() > 0


def test_a_broken_tenant_file_is_reported_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\ntenant: {nme: x}\n")
    proc = subprocess.run([sys.executable, "-m", "msolsh", "-NoProfile", "-Tenant", str(bad),
                           "-Command", "1"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "bad.yaml:2" in proc.stderr and "Traceback" not in proc.stderr
