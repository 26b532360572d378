"""Where each person lands after logging in (settings.LOGIN_REDIRECT_URL is `start`):
the page of what they have to do.

- The secretariat: the overview of every edition, with its counts and its next step.
- A juror with one jury to work on and nothing else: that jury's page (their entries
  and progress), or the deliberation for its chair while the jury deliberates.
- A member of an authority, or anyone with several things to do (a juror who is also
  a member of an authority, a juror on two juries): one page listing each of them,
  jury work first. One list rather than "the most urgent": the roles do not compete
  (a juror's scores and a town's entry are both due), and a redirect to one of them
  would hide the other.
- Someone with no role yet: how to take part (register an authority, or join one).
- Someone whose juries are all over: their jury page, which leads to the results."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from accounts.decorators import secretariat_only
from accounts.rules import is_secretariat

from .. import dashboard


@login_required
def start(request):
    """Route to the landing page of the person's role (see the module's docstring)."""
    if is_secretariat(request.user):
        return redirect("results:secretariat")
    todos = dashboard.person_todos(user=request.user)
    active = todos.active_seats
    if not todos.authorities:
        if len(active) == 1:
            return redirect(active[0].url)
        if not active:
            return redirect("jury:seats" if todos.seats else "submissions:start")
    return redirect("results:todo")


@secretariat_only
def secretariat(request):
    """The secretariat's overview: each edition's state, counts and next step."""
    overviews = dashboard.edition_overviews()
    return render(
        request,
        "results/dashboard.html",
        {
            "current": [o for o in overviews if not o.condensed],
            "past": [o for o in overviews if o.condensed],
            "own_todos": dashboard.has_own_todos(user=request.user),
        },
    )


@login_required
def todo(request):
    """Everything the person has to do, role by role."""
    todos = dashboard.person_todos(user=request.user)
    return render(request, "results/todo.html", {"todos": todos})
