// A lesson says plain values; words and formatting belong to the cli, not on its include path.
#include "i18n/messages.hpp"
