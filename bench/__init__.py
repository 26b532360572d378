"""The benchmark that prints the figures quoted in the README: `make bench`."""
