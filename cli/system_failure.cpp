#include "system_failure.hpp"

#include <cerrno>
#include <cstring>

#include "i18n/messages.hpp"

std::string os_reason(i18n::Language language, int error) {
    switch (error) {
        case ENOENT:
            return i18n::tr(language, "write.no_folder");
        case ENOTDIR:
        case EEXIST:  // create_directories over a file of that name
            return i18n::tr(language, "write.not_folder");
        case EACCES:
        case EPERM:
            return i18n::tr(language, "write.denied");
        case EISDIR:
            return i18n::tr(language, "write.is_folder");
        case EROFS:
            return i18n::tr(language, "write.read_only");
        case ENOSPC:
        case EDQUOT:
            return i18n::tr(language, "write.no_space");
        case EIO:
            return i18n::tr(language, "write.io_error");
        default:
            return std::strerror(error);
    }
}
