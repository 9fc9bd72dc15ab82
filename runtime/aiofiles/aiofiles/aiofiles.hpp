#pragma once
// Everything at once, as `import aiofiles, aiofiles.os, aiofiles.tempfile` gives it.
#include "aiofiles/file.hpp"
#include "aiofiles/os.hpp"
#include "aiofiles/tempfile.hpp"
