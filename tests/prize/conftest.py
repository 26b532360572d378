# The admin's read-only test uses the decided and published editions of tests/results.
from tests.results.conftest import decided, published  # noqa: F401
