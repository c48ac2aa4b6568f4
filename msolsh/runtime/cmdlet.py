"""Declaring a cmdlet: one class per cmdlet, its parameters as data.

The binder, Get-Help, Get-Command -Syntax and tab completion all read the declaration made
here, so nothing about a parameter is written twice. A cmdlet implements begin/process/end;
each may be a generator: what it yields goes down the pipeline, one object at a time
(a yielded list is one object, as WriteObject(list) is; use `yield from` to enumerate).

    @cmdlet("Get-Thing", module="Contoso", output_type="Contoso.Thing")
    class GetThing(Cmdlet):
        '''Gets things.

        The longer description, shown by Get-Help -Full.'''
        examples = [Example("Get-Thing -Name a*", "Gets the things whose name starts with a.")]
        Name = Parameter(str, position=0, pipeline_by_property=True, complete=thing_names)
        All = Switch(set="All")

        def process(self):
            yield from self.session.tenant_thing_lookup(self.Name)

Side channels (errors, warnings, verbose, host text, ShouldProcess) are methods on Cmdlet;
the command processor that runs the cmdlet (runtime/pipeline.py) provides them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

ALL_SETS = "__AllParameterSets"


@dataclass
class Example:
    code: str
    remarks: str = ""


class Parameter:
    """One declared parameter. `type` is a Python class or a runtime type name understood by the
    coercion module ('string[]', 'int', 'guid', 'datetime', 'scriptblock', 'hashtable',
    'switch', 'object', ...). `set` may be one name or a tuple of names; per-set overrides of
    mandatory/position go in `sets={'A': dict(mandatory=True, position=0)}`.

    An enum-typed parameter declares its names instead of a type:
        Parameter(enum=('Delta', 'Initial'),
                  type_name='Microsoft.IdentityManagement.PowerShell.ObjectModel.SynchronizationPolicyType')
    or `enum=SomeEnum` (a Python enum.Enum class; its type name is its `ps_type_name`
    attribute, else type_name=, else the class name). The binder then matches the argument
    case-insensitively (a unique prefix is enough, as pwsh's enum disambiguation allows; an
    integer picks by ordinal, or by value for an Enum class), binds the name in its declared
    spelling (a str), and fails with pwsh's 'Unable to match the identifier name ...' message.
    `type` becomes the type name (end it with '[]' for an array of the enum); Get-Help and
    Get-Command -Syntax show its short name, and `completion_values` offers the names."""

    def __init__(self, type: Any = "object", *, mandatory: bool = False,
                 position: Optional[int] = None, set: Any = ALL_SETS,
                 sets: Optional[Dict[str, Dict[str, Any]]] = None,
                 aliases: Sequence[str] = (), pipeline: bool = False,
                 pipeline_by_property: bool = False, help: str = "",
                 validate_set: Sequence[str] = (), validate_range: Optional[Tuple[Any, Any]] = None,
                 not_null: bool = False, not_null_or_empty: bool = False,
                 default: Any = None, complete: Optional[Callable[..., Iterable[str]]] = None,
                 dont_show: bool = False, enum: Any = None, type_name: Optional[str] = None):
        self.name = ""  # filled in by @cmdlet from the attribute name
        self.type = type
        self.enum: Tuple[str, ...] = ()
        self.enum_values: Tuple[Any, ...] = ()
        if enum is not None:
            self.enum, self.enum_values = _enum_names(enum), _enum_values(enum)
            self.type = type_name or getattr(enum, "ps_type_name", None) or getattr(enum, "__name__", None)
            if not isinstance(self.type, str):
                raise ValueError("an enum given as names needs type_name='<the .NET type name>'")
        self.aliases = tuple(aliases)
        self.help = help
        self.validate_set = tuple(validate_set)
        self.validate_range = validate_range
        self.not_null = not_null
        self.not_null_or_empty = not_null_or_empty
        self.default = default
        self.complete = complete
        self.dont_show = dont_show
        self.pipeline = pipeline
        self.pipeline_by_property = pipeline_by_property
        names = (set,) if isinstance(set, str) else tuple(set)
        self.sets: Dict[str, Dict[str, Any]] = {
            name: dict(mandatory=mandatory, position=position) for name in names}
        for name, overrides in (sets or {}).items():
            self.sets.setdefault(name, dict(mandatory=mandatory, position=position)).update(overrides)

    @property
    def completion_values(self) -> Tuple[str, ...]:
        """The fixed values tab completion offers: the ValidateSet, else the enum's names."""
        return self.validate_set or self.enum

    @property
    def is_switch(self) -> bool:
        return getattr(self, "_switch", False)

    def in_set(self, set_name: str) -> bool:
        return set_name in self.sets or ALL_SETS in self.sets

    def mandatory_in(self, set_name: str) -> bool:
        spec = self.sets.get(set_name) or self.sets.get(ALL_SETS) or {}
        return bool(spec.get("mandatory"))

    def position_in(self, set_name: str) -> Optional[int]:
        spec = self.sets.get(set_name) or self.sets.get(ALL_SETS) or {}
        return spec.get("position")

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Parameter({self.name!r})"


def _enum_names(enum: Any) -> Tuple[str, ...]:
    if enum is None:
        return ()
    if isinstance(enum, type):          # an enum.Enum class: its members in declaration order
        return tuple(member.name for member in enum)  # type: ignore[attr-defined]
    return tuple(str(name) for name in enum)


def _enum_values(enum: Any) -> Tuple[Any, ...]:
    """The numeric value of each name: an Enum's own values, else the ordinals 0, 1, 2..."""
    if isinstance(enum, type):
        return tuple(member.value for member in enum)  # type: ignore[attr-defined]
    return tuple(range(len(_enum_names(enum))))


def Switch(**kwargs: Any) -> Parameter:
    """A [switch] parameter: present means $true; -Name:$false binds $false."""
    param = Parameter("switch", **kwargs)
    param._switch = True  # type: ignore[attr-defined]
    return param


class Cmdlet:
    """Base class of every cmdlet. The processor sets every declared parameter as an instance
    attribute before begin(): the bound value, or the declared default (switches: False). Class attributes set by @cmdlet:
    name, module, verb, noun, synopsis, description, output_type, aliases, default_set,
    parameters (ordered dict name -> Parameter), supports_should_process."""

    name: str = ""
    module: str = ""
    verb: str = ""
    noun: str = ""
    synopsis: str = ""
    description: str = ""
    output_type: Optional[str] = None
    aliases: Tuple[str, ...] = ()
    default_set: Optional[str] = None
    parameters: Dict[str, Parameter] = {}
    supports_should_process: bool = False
    confirm_impact: str = "Medium"   # 'Low' | 'Medium' | 'High', compared with $ConfirmPreference
    examples: List[Example] = []

    # Filled in per invocation by the command processor.
    session: Any = None            # the runtime session (variables, host, clock, tenant)
    parameter_set: str = ""        # the resolved parameter set name
    bound: Dict[str, Any]          # names of parameters the user bound -> values
    _processor: Any = None

    def begin(self) -> Optional[Iterable[Any]]:
        return None

    def process(self) -> Optional[Iterable[Any]]:
        return None

    def end(self) -> Optional[Iterable[Any]]:
        return None

    # -- side channels, provided by the command processor -------------------------------
    def is_bound(self, name: str) -> bool:
        return name in self.bound

    def write_error(self, record: Any) -> None:
        """A non-terminating error (an ErrorRecord); -ErrorAction decides what happens."""
        self._processor.write_error(self, record)

    def throw_terminating(self, record: Any) -> None:
        self._processor.throw_terminating(self, record)

    def write_warning(self, message: str) -> None:
        self._processor.write_warning(self, message)

    def write_verbose(self, message: str) -> None:
        self._processor.write_verbose(self, message)

    def write_debug(self, message: str) -> None:
        self._processor.write_debug(self, message)

    def write_host(self, text: str, foreground: Optional[str] = None,
                   background: Optional[str] = None, newline: bool = True) -> None:
        self._processor.write_host(self, text, foreground, background, newline)

    def should_process(self, target: str, action: Optional[str] = None) -> bool:
        """pwsh's ShouldProcess: prints 'What if: ...' under -WhatIf, prompts under -Confirm
        (or when confirm_impact >= $ConfirmPreference); action defaults to the verb. A prompt
        a non-interactive host cannot show is pwsh's terminating NonInteractive-mode error."""
        return self._processor.should_process(self, target, action or self.verb)

    def should_continue(self, query: str, caption: str) -> bool:
        return self._processor.should_continue(self, query, caption)

    def invoke_script(self, script: Any, *args: Any, dollar_under: Any = None,
                      input: Any = None) -> List[Any]:
        """Run a script block with $_ set (as Where-Object does); returns its output."""
        return self._processor.invoke_script(self, script, args, dollar_under, input)

    def error_record(self, message: str, error_id: str, category: str = "NotSpecified",
                     target: Any = None, exception_type: Optional[str] = None,
                     fq_class: Optional[str] = None, **extra: Any) -> Any:
        """An ErrorRecord attributed to this cmdlet, fully-qualified like pwsh does
        ('<error_id>,<fq_class or Microsoft.PowerShell.Commands.<Verb><Noun>Command>')."""
        return self._processor.error_record(self, message, error_id, category, target,
                                            exception_type, fq_class, **extra)


class CmdletRegistry:
    """Every cmdlet class by name (case-insensitive) plus the aliases they declare."""

    def __init__(self) -> None:
        self.cmdlets: Dict[str, type] = {}
        self.aliases: Dict[str, str] = {}

    def add(self, cls: type) -> type:
        self.cmdlets[cls.name.lower()] = cls
        for alias in cls.aliases:
            self.aliases[alias.lower()] = cls.name
        return cls

    def get(self, name: str) -> Optional[type]:
        return self.cmdlets.get(name.lower())

    def all(self) -> List[type]:
        return sorted(self.cmdlets.values(), key=lambda c: c.name.lower())


REGISTRY = CmdletRegistry()


def _split_doc(doc: Optional[str]) -> Tuple[str, str]:
    if not doc:
        return "", ""
    text = doc.strip()
    first, _, rest = text.partition("\n\n")
    import textwrap
    return " ".join(first.split()), textwrap.dedent(rest).strip()


def cmdlet(name: str, *, module: str, output_type: Optional[str] = None,
           aliases: Sequence[str] = (), default_set: Optional[str] = None,
           supports_should_process: bool = False, confirm_impact: str = "Medium",
           registry: CmdletRegistry = REGISTRY) -> Callable[[type], type]:
    """Class decorator: records the declaration and registers the cmdlet."""

    def decorate(cls: type) -> type:
        cls.name = name
        cls.verb, _, cls.noun = name.partition("-")
        cls.module = module
        cls.output_type = output_type
        cls.aliases = tuple(aliases)
        cls.default_set = default_set
        cls.supports_should_process = supports_should_process
        cls.confirm_impact = confirm_impact
        cls.synopsis, cls.description = _split_doc(cls.__doc__)
        params: Dict[str, Parameter] = {}
        for klass in reversed(cls.__mro__):
            for attr, value in vars(klass).items():
                if isinstance(value, Parameter):
                    params[attr] = value
        cls.parameters = params
        return registry.add(cls)

    return decorate
