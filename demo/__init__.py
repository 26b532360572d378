"""The demo site (`make run`): it may use every app, so it sits above them all."""
