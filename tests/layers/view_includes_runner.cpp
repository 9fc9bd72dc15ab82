// The runner is above the model and renderers: its header refuses to compile below it.
#include "runner/lesson_runner.hpp"
