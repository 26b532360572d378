"""The edition interchange format of shared/contracts/edition-format.md.

- ``validate``: pure checks of a parsed file, returning every problem at once;
- ``importer``: all-or-nothing creation of editions from validated data;
- ``exporter``: the same format back, deterministic so a round trip is identical.
"""

FORMAT = "dosta-edition"
VERSION = 1
