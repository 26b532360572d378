"""The jury's pages: the juror's (juror.py), the chair's deliberation and the
secretariat's jury pages (chair.py), and the approval of the decision (approval.py)."""
