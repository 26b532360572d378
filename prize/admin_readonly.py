"""What the admins of every app share: the records of the process are read-only.

Decisions, results, scores and their history, conflicts, assignments, transition logs,
certificates and submitted entries are written by the services that take each step
(with their rules: four eyes, frozen scores, reissued certificates). The admin shows
them and changes none of them, a superuser included, so that no path skips a rule.
"""


class ReadOnlyAdminMixin:
    """For a ModelAdmin or an inline: view, never add, change or delete. The change page
    shows the values without inputs, and a POST to it is refused (403)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
