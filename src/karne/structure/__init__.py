"""The administration's structure edited in the browser: units, programmes, indicators, plan."""
