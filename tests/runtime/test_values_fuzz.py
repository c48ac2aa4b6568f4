"""Property tests: whatever values a script throws at the value layer, the answer is a value or a
PowerShell error record, never a Python exception."""
import datetime as dt
import uuid
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msolsh.runtime import coerce, members, operators, types
from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.pstypes import Char, PSList, Version
from msolsh.runtime.values import PSHashtable, PSObject

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8),
    st.sampled_from(["", "0x10", "1kb", "2024-01-02", "a*", "(", "[", "\\", "$1", "{0}", "{", "1.5",
                     "-", "abc", "00000000-0000-0000-0000-000000000001", "1.2.3", "01:02:03", "`"]),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**6, max_value=10**6),
    st.just(Char("a")), st.just(dt.datetime(2024, 1, 2, 3, 4, 5)), st.just(dt.timedelta(hours=1)),
    st.sampled_from([dt.datetime.max, dt.datetime.min, dt.timedelta.max, dt.timedelta.min]),
    st.just(uuid.UUID(int=7)), st.just(Version(1, 2)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(st.tuples(st.text(max_size=3), inner), max_size=3).map(PSHashtable),
        st.lists(st.tuples(st.text(min_size=1, max_size=3), inner), max_size=3).map(PSObject),
        st.lists(inner, max_size=3).map(PSList),
    ),
    max_leaves=6,
)
BINARY = ["+", "-", "*", "/", "%", "..", "-f", "-eq", "-ceq", "-ne", "-gt", "-ge", "-lt", "-le",
          "-like", "-notlike", "-match", "-notmatch", "-contains", "-in", "-replace", "-split",
          "-join", "-and", "-or", "-xor", "-band", "-bor", "-bxor", "-shl", "-shr", "-as", "-is"]
UNARY = ["-not", "!", "-bnot", "-", "+", ",", "-split", "-join"]
TYPES = ["int", "long", "byte", "double", "decimal", "string", "bool", "char", "datetime", "timespan",
         "guid", "version", "regex", "hashtable", "ordered", "array", "string[]", "int[]",
         "pscustomobject", "switch", "System.Collections.ArrayList", "scriptblock", "float"]
NAMES = ["Length", "Count", "Name", "Keys", "ToUpper", "Split", "Substring", "Add", "ToString",
         "GetType", "Trim", "Replace", "IndexOf", "PadLeft", "AddDays", "Remove", "Contains", "Year"]
FUZZ = settings(max_examples=200, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])


def _safely(action):
    try:
        action()
    except PSRuntimeException:
        pass


@FUZZ
@given(st.sampled_from(BINARY), values, values)
def test_binary_operators_never_leak_python_errors(op, left, right):
    fn = operators.binary(op)
    if op in ("-as", "-is"):
        right = "int"
    if op == "..":
        left, right = (left if type(left) is not int else left % 1000), (right if type(right) is not int else right % 1000)
    if op in operators.MATCH_OPS:
        _safely(lambda: fn(left, right, lambda m: None))
    else:
        _safely(lambda: fn(left, right))


@FUZZ
@given(st.sampled_from(UNARY), values)
def test_unary_operators_never_leak_python_errors(op, value):
    _safely(lambda: operators.unary(op)(value))


@FUZZ
@given(st.sampled_from(TYPES), values)
def test_conversions_never_leak_python_errors(type_name, value):
    _safely(lambda: coerce.convert(value, type_name))
    assert coerce.convert_try(value, type_name)[0] in (True, False)
    assert isinstance(coerce.to_string(value), str)
    assert coerce.to_bool(value) in (True, False)


@FUZZ
@given(values, st.sampled_from(NAMES), st.lists(values, max_size=3), values)
def test_members_never_leak_python_errors(obj, name, args, index):
    _safely(lambda: members.get_member(obj, name))
    _safely(lambda: members.invoke_method(obj, name, args))
    _safely(lambda: members.get_index(obj, index))
    _safely(lambda: members.set_index(obj, index, 1))


@FUZZ
@given(st.sampled_from([("math", "Round"), ("math", "Max"), ("string", "Join"), ("string", "Format"),
                        ("datetime", "Parse"), ("convert", "ToInt32"), ("regex", "Split"),
                        ("regex", "Replace"), ("System.IO.Path", "Combine"), ("char", "IsDigit"),
                        ("convert", "FromBase64String"), ("timespan", "FromDays"), ("math", "Pow")]),
       st.lists(values, max_size=3))
def test_statics_never_leak_python_errors(target, args):
    _safely(lambda: types.invoke_static(target[0], target[1], args))
