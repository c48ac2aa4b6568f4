"""Measure-Object: counts, sums, averages, minimum/maximum, and text line/word/character
counts, shaped as pwsh's GenericMeasureInfo and TextMeasureInfo records.

Sum, Average, Minimum and Maximum are doubles, as in pwsh; a statistic not asked for is $null
and shows as an empty value. Nothing here knows the tenant.
"""
from __future__ import annotations

import math
from typing import Any, Dict, Iterable, List, Optional

from msolsh.cmdlets.core.objects import UTILITY
from msolsh.cmdlets.core.objects_select import MISSING, _specs, compare_values, key_values
from msolsh.runtime.cmdlet import Cmdlet, Example, Parameter, Switch, cmdlet
from msolsh.runtime.errors import PSRuntimeException
from msolsh.runtime.formatting.cells import plain_text
from msolsh.runtime.formatting.props import SELECT_KEYS, PropertySpec
from msolsh.runtime.values import PSObject

GENERIC = "Microsoft.PowerShell.Commands.GenericMeasureInfo"
GENERIC_ALL = "Microsoft.PowerShell.Commands.GenericMeasureInfo#StandardDeviation"
TEXT = "Microsoft.PowerShell.Commands.TextMeasureInfo"


class _Stats:
    """Running statistics of one property."""

    def __init__(self) -> None:
        self.count = 0
        self.numbers: List[float] = []
        self.minimum: Any = None
        self.maximum: Any = None


@cmdlet("Measure-Object", module=UTILITY, aliases=("measure",), default_set="GenericMeasure")
class MeasureObject(Cmdlet):
    """Calculates the numeric properties of objects, and the characters, words and lines in
    string objects.

    Without switches Measure-Object counts its input. -Sum, -Average, -Minimum and -Maximum
    (or -AllStats) compute statistics of the input numbers or of a -Property of each object.
    -Line, -Word and -Character count text."""
    examples = [
        Example("1, 2, 3 | Measure-Object", "Counts the input objects."),
        Example("1, 2, 3 | Measure-Object -Sum -Average -Maximum -Minimum",
                "Computes the statistics of the numbers."),
        Example("'one two', 'three' | Measure-Object -Line -Word -Character", "Measures text."),
    ]
    InputObject = Parameter("psobject", pipeline=True, help="Specifies the objects to measure.")
    Property = Parameter("object[]", position=0, help="Specifies the properties to measure.")
    Sum = Switch(set="GenericMeasure", help="Adds the values.")
    Average = Switch(set="GenericMeasure", help="Averages the values.")
    Maximum = Switch(set="GenericMeasure", help="Finds the largest value.")
    Minimum = Switch(set="GenericMeasure", help="Finds the smallest value.")
    StandardDeviation = Switch(set="GenericMeasure", help="Computes the standard deviation.")
    AllStats = Switch(set="GenericMeasure", help="Computes every statistic.")
    Line = Switch(set="TextMeasure", help="Counts lines.")
    Word = Switch(set="TextMeasure", help="Counts words.")
    Character = Switch(set="TextMeasure", help="Counts characters.")
    IgnoreWhiteSpace = Switch(set="TextMeasure", help="Leaves white space out of -Character.")

    def begin(self) -> None:
        self._specs = _specs(self, self.Property, SELECT_KEYS)
        self._stats: Dict[str, _Stats] = {}
        self._text: Dict[str, List[int]] = {}
        self._count = 0
        self._names: Optional[List[PropertySpec]] = None

    def process(self) -> None:
        item = self.InputObject          # None also when nothing was piped: pwsh skips $null
        if item is None:
            return
        self._count += 1
        if self._names is None:
            self._names = self._expand(item)
            self._record = self._measure_text if self.parameter_set == "TextMeasure" else self._measure
            self._counting_only = not self._names and self._record == self._measure \
                and not self._wants_numbers()
        if self._counting_only:
            return                          # plain `Measure-Object`: the count is all it needs
        if not self._names:
            self._record("", item)
            return
        for spec, value in zip(self._names, key_values(self, self._names, item)):
            if value is not MISSING:
                self._record(spec.name, value)

    def _expand(self, item: Any) -> List[PropertySpec]:
        out: List[PropertySpec] = []
        for spec in self._specs:
            out.extend(target for _, target in spec.expand(item))
        return out

    def _measure(self, name: str, value: Any) -> None:
        stats = self._stats.setdefault(name, _Stats())
        stats.count += 1
        if self._wants_numbers():
            number = self._number(value)
            if number is None:
                return
            stats.numbers.append(number)
            value = number
        if self.Minimum or self.Maximum or self.AllStats:
            if stats.minimum is None or compare_values(value, stats.minimum) < 0:
                stats.minimum = value
            if stats.maximum is None or compare_values(value, stats.maximum) > 0:
                stats.maximum = value

    def _wants_numbers(self) -> bool:
        return bool(self.Sum or self.Average or self.StandardDeviation or self.AllStats
                    or self.Minimum or self.Maximum)

    def _number(self, value: Any) -> Optional[float]:
        from msolsh.runtime.coerce import to_number
        try:
            return float(to_number(value, "System.Double"))
        except (PSRuntimeException, TypeError, ValueError):
            self.write_error(self.error_record(
                f'Input object "{plain_text(value)}" is not numeric.', "NonNumericInputObject",
                "InvalidType", target=value))
            return None

    def _measure_text(self, name: str, value: Any) -> None:
        text = plain_text(value)
        counts = self._text.setdefault(name, [0, 0, 0])
        counts[0] += len([line for line in text.split("\n")]) if text else 0
        counts[1] += len(text.split())
        counts[2] += len("".join(text.split())) if self.IgnoreWhiteSpace else len(text)

    def end(self) -> Iterable[Any]:
        if self.parameter_set == "TextMeasure":
            yield from self._text_results()
            return
        if self._names:
            yield from self._property_results()
            return
        stats = self._stats.get("") or _Stats()
        yield self._generic(stats, None, self._count)

    def _property_results(self) -> Iterable[Any]:
        for spec in self._names or []:
            stats = self._stats.get(spec.name)
            if stats is None:
                self.write_error(self.error_record(
                    f'The property "{spec.name}" cannot be found in the input for any objects.',
                    "GenericMeasurePropertyNotFound", "InvalidArgument",
                    exception_type="System.Management.Automation.PSArgumentException"))
                continue
            yield self._generic(stats, spec.name, stats.count)

    def _generic(self, stats: _Stats, prop: Optional[str], count: int) -> PSObject:
        numbers, every = stats.numbers, bool(self.AllStats)
        total = math.fsum(numbers) if numbers else 0.0
        pairs = [("Count", count),
                 ("Average", total / len(numbers) if (self.Average or every) and numbers else None),
                 ("Sum", total if self.Sum or every else None),
                 ("Maximum", _double(stats.maximum) if self.Maximum or every else None),
                 ("Minimum", _double(stats.minimum) if self.Minimum or every else None)]
        names = [GENERIC, "System.Object"]
        if self.StandardDeviation or every:
            pairs.append(("StandardDeviation", _deviation(numbers)))
            names.insert(0, GENERIC_ALL)
        pairs.append(("Property", prop))
        return PSObject(pairs, names)

    def _text_results(self) -> Iterable[Any]:
        names = [s.name for s in self._names] if self._names else [""]
        for name in names:
            counts = self._text.get(name, [0, 0, 0])
            yield PSObject([("Lines", counts[0] if self.Line else None),
                            ("Words", counts[1] if self.Word else None),
                            ("Characters", counts[2] if self.Character else None),
                            ("Property", name or None)], [TEXT, "System.Object"])


def _double(value: Any) -> Any:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _deviation(numbers: List[float]) -> Optional[float]:
    if len(numbers) < 2:
        return 0.0 if numbers else None
    mean = math.fsum(numbers) / len(numbers)
    return math.sqrt(math.fsum((x - mean) ** 2 for x in numbers) / (len(numbers) - 1))
