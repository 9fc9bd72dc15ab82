#pragma once
// Thrown by a screen the runner was given (an observer, such as --step's view) to end the run
// there: the run's outcome is then timeline::Outcome::stopped.
struct RunStopped {};
