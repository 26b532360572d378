"""Fuzzing the erasure of one's account: whatever is typed as the password, a clear
answer and never a 500; a refused request erases nothing (it counts as a failed login,
which is what the login lock needs)."""

from hypothesis import given

from accounts.forms import ErasureForm
from accounts.models import User
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.runner import fuzzes, send, written_on_refusal
from tests.fuzz.strategies import form_data


@fuzzes("accounts:erase", forms=(ErasureForm,))
def test_erasing_ones_account(people):
    @fuzz_settings()
    @given(data=form_data(ErasureForm().fields))
    def example(data):
        outcome = send(people.member_a, "post", "/en/accounts/erase/", data)
        assert outcome.status in (200, 400, 429)
        assert User.objects.filter(pk=people.member_a.pk, is_active=True).exists()
        assert written_on_refusal(outcome, by_design=("accounts.LoginFailure",)) == []

    example()
