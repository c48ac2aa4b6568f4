"""CSV and JSON: ConvertTo-/ConvertFrom-/Export-/Import-Csv and ConvertTo-/ConvertFrom-Json.

The cmdlets and conversions live in csvdata.py and jsondata.py, and what both see of a .NET
value in dotnet_views.py; this module re-exports their public names for callers that import
them from here. Knows nothing of the tenant.
"""
from __future__ import annotations

from msolsh.cmdlets.core.csvdata import (CSV_PREFIX, ENCODINGS,  # noqa: F401
                                         UNSPECIFIED_HEADER_WARNING, UTILITY, ConvertFromCsv,
                                         ConvertToCsv, CsvError, ExportCsv, ImportCsv, csv_header,
                                         csv_record, csv_row, csv_type_name, from_csv,
                                         parse_csv_records, to_csv_lines)
from msolsh.cmdlets.core.dotnet_views import dotnet_string, object_properties  # noqa: F401
from msolsh.cmdlets.core.jsondata import (ConvertFromJson, ConvertToJson,  # noqa: F401
                                          JsonDuplicateKeys, JsonError, from_json, to_json,
                                          truncation_warning)
