#include "output_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "i18n/messages.hpp"
#include "usage_error.hpp"

namespace {

// The usual reasons in the user's language; the rarer ones as the system words them.
std::string reason(i18n::Language language, int error) {
    switch (error) {
        case ENOENT:
        case ENOTDIR:
            return i18n::tr(language, "write.no_folder");
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
        default:
            return std::strerror(error);
    }
}

}  // namespace

OutputFile::OutputFile(std::string path, i18n::Language language)
    : path_(std::move(path)), temporary_(path_ + ".tmp"), language_(language) {
    std::error_code ignored;
    if (path_.empty()) fail(ENOENT);
    // rename() would fail on a folder only after the lesson ran; say so now.
    if (std::filesystem::is_directory(path_, ignored)) fail(EISDIR);
    file_ = std::fopen(temporary_.c_str(), "wb");
    if (!file_) fail(errno);
}

OutputFile::~OutputFile() {
    if (file_) std::fclose(file_);
    if (!committed_) std::remove(temporary_.c_str());
}

void OutputFile::commit(std::string_view contents) {
    errno = 0;
    const bool written = std::fwrite(contents.data(), 1, contents.size(), file_) == contents.size();
    const int write_error = errno;
    const bool closed = std::fclose(file_) == 0;
    const int close_error = errno;
    file_ = nullptr;
    if (!written) fail(write_error ? write_error : EIO);
    if (!closed) fail(close_error ? close_error : EIO);
    if (std::rename(temporary_.c_str(), path_.c_str()) != 0) fail(errno);
    committed_ = true;
}

void OutputFile::fail(int error) {
    throw UsageError("error.cannot_write", {{"path", path_}, {"reason", reason(language_, error)}});
}
