"""Lab 5: neural variational inference for the position of a target seen by signal-strength sensors."""
