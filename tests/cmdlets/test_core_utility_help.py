"""Help and syntax rendering from declarations (msolsh.runtime.help), as pure functions."""
from msolsh.runtime import help as helptext
from msolsh.runtime.cmdlet import CmdletRegistry, Cmdlet, Example, Parameter, Switch, cmdlet

REG = CmdletRegistry()


@cmdlet("Get-MsolUser", module="MSOnline", registry=REG, default_set="ListUsers__0")
class GetMsolUser(Cmdlet):
    """Gets users from Azure Active Directory.

    The Get-MsolUser cmdlet gets an individual user or a list of users."""
    examples = [Example("Get-MsolUser -All", "This command retrieves all users.")]
    ReturnDeletedUsers = Switch(help="Indicates that this cmdlet returns only users in the recycle bin.")
    MaxResults = Parameter("int", set="ListUsers__0")
    UserPrincipalName = Parameter(str, set="GetUserByUpn__0", mandatory=True, position=0,
                                  pipeline_by_property=True, help="Specifies the user ID of the user to retrieve.")
    ObjectId = Parameter("guid", set="GetUser__0", mandatory=True, pipeline_by_property=True)
    TenantId = Parameter("guid")


@cmdlet("Remove-Thing", module="Contoso", registry=REG, supports_should_process=True)
class RemoveThing(Cmdlet):
    """Removes a thing."""
    Name = Parameter("string[]", mandatory=True, position=0, pipeline=True)
    Force = Switch()


def test_syntax_orders_positional_then_mandatory_then_named():
    assert helptext.syntax_lines(GetMsolUser) == [
        "Get-MsolUser [-ReturnDeletedUsers] [-MaxResults <int>] [-TenantId <guid>] [<CommonParameters>]",
        "Get-MsolUser [-UserPrincipalName] <string> [-ReturnDeletedUsers] [-TenantId <guid>] [<CommonParameters>]",
        "Get-MsolUser -ObjectId <guid> [-ReturnDeletedUsers] [-TenantId <guid>] [<CommonParameters>]",
    ]


def test_syntax_of_single_set_with_should_process():
    assert helptext.command_syntax(RemoveThing) == (
        "\nRemove-Thing [-Name] <string[]> [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]\n")


def test_help_style_uses_dotnet_names():
    assert helptext.syntax_line(GetMsolUser, "GetUser__0", help_style=True) == (
        "Get-MsolUser -ObjectId <Guid> [-ReturnDeletedUsers] [-TenantId <Guid>] [<CommonParameters>]")


def test_default_help_view():
    assert helptext.render_help(GetMsolUser) == """
NAME
    Get-MsolUser

SYNOPSIS
    Gets users from Azure Active Directory.


SYNTAX
    Get-MsolUser [-ReturnDeletedUsers] [-MaxResults <Int32>] [-TenantId <Guid>] [<CommonParameters>]

    Get-MsolUser [-UserPrincipalName] <String> [-ReturnDeletedUsers] [-TenantId <Guid>] [<CommonParameters>]

    Get-MsolUser -ObjectId <Guid> [-ReturnDeletedUsers] [-TenantId <Guid>] [<CommonParameters>]


DESCRIPTION
    The Get-MsolUser cmdlet gets an individual user or a list of users.


REMARKS
    To see the examples, type: "get-help Get-MsolUser -examples".
    For more information, type: "get-help Get-MsolUser -detailed".
    For technical information, type: "get-help Get-MsolUser -full".
"""


def test_examples_view():
    assert helptext.render_help(GetMsolUser, "examples") == """
NAME
    Get-MsolUser

SYNOPSIS
    Gets users from Azure Active Directory.

    -------------------------- EXAMPLE 1 --------------------------

    PS C:\\>Get-MsolUser -All

    This command retrieves all users.
"""


def test_full_view_has_parameter_table_inputs_and_outputs():
    text = helptext.render_help(GetMsolUser, "full")
    assert """    -UserPrincipalName <String>
        Specifies the user ID of the user to retrieve.

        Required?                    true
        Position?                    0
        Default value                None
        Accept pipeline input?       True (ByPropertyName)
        Accept wildcard characters?  false
""" in text
    assert "INPUTS\n    System.String\n    System.Guid\n\n\nOUTPUTS\n    System.Object\n" in text
    assert "    <CommonParameters>\n        This cmdlet supports the common parameters: Verbose, Debug," in text
    assert "REMARKS" not in text


def test_parameter_help_with_wildcard():
    params = helptext.find_parameters(GetMsolUser, "Return*")
    assert helptext.render_parameter_help(GetMsolUser, params) == """
-ReturnDeletedUsers
    Indicates that this cmdlet returns only users in the recycle bin.

    Required?                    false
    Position?                    named
    Default value                False
    Accept pipeline input?       False
    Accept wildcard characters?  false
"""


def test_wildcards():
    assert helptext.wildcard_regex("Get-*User").match("get-msoluser")
    assert not helptext.wildcard_regex("Get-*User").match("Get-MsolUserRole")
    assert helptext.wildcard_regex("[gs]et-a?").match("Set-AB")


def test_about_topics_ship_with_a_short_description():
    names = helptext.about_topic_names()
    for topic in ("about_msolsh", "about_Hybrid_Sync_Workflow", "about_Sync_Errors", "about_Training"):
        assert topic in names
        assert helptext.about_topic_synopsis(topic)
    assert helptext.about_topic_text("ABOUT_MSOLSH").startswith("TOPIC\n    about_msolsh\n")
