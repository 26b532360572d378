from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipationState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    INFO_REQUESTED = "info_requested", _("More information requested")
    ACCEPTED = "accepted", _("Participant")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Ended")


# Requests the secretariat still has to decide.
PENDING_STATES = (ParticipationState.REQUESTED, ParticipationState.INFO_REQUESTED)
# Participations that are over: the authority may ask to join again.
CLOSED_STATES = (ParticipationState.DECLINED, ParticipationState.ENDED)
# The secretariat's steps, each needing a reason except acceptance.
REVIEW_ACTIONS = ("accept", "request_info", "decline", "end")
REASON_ACTIONS = ("request_info", "decline", "end")
# The authority's steps: answering a request for information, asking again after an end.
MEMBER_ACTIONS = ("resubmit", "request_again")

# The three conditions of participation, in the order the form asks them.
CONDITIONS = (
    (
        "commitment",
        _("A declared political commitment to Roma inclusion"),
        _("How has your authority declared its political commitment to Roma inclusion?"),
    ),
    (
        "activities",
        _("Past or current activities for Roma inclusion"),
        _("What has your authority done, or what is it doing, for Roma inclusion?"),
    ),
    (
        "dialogue",
        _("Mechanisms for dialogue and cooperation with local Roma communities"),
        _("How does your authority talk and work with the Roma communities that live there?"),
    ),
)

# The parts of a profile, in the order the page shows them.
PROFILE_PARTS = (
    ("political", _("Political profile")),
    ("geographic", _("Geographic profile")),
    ("demographic", _("Demographic profile")),
    ("economic", _("Economic profile")),
    ("projects", _("Roma-inclusion projects and policies")),
)
