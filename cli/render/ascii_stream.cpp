#include "render/ascii_stream.hpp"

#include <array>
#include <streambuf>
#include <string>
#include <utility>

namespace render {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 31> glyphs{{
    {"\u00a0", " "},  // a no-break space, which keeps "p. ex." on one line
    {"·", "-"},      {"×", "x"},  {"…", "..."}, {"—", "-"}, {"–", "-"},  {"−", "-"},
    {"→", "->"},     {"←", "<-"}, {"⚠", "!"},   {"✓", "v"}, {"✗", "x"},  {"⊘", "/"},
    {"µ", "u"},      {"“", "\""}, {"”", "\""},  {"‘", "'"}, {"’", "'"},  {"│", "|"},
    {"─", "-"},      {"├", "|"},  {"┤", "|"},   {"┼", "+"}, {"█", "#"},  {"▓", "@"},
    {"░", "."},      {"▒", "="},  {"≡", "%"},   {"•", "*"}, {"«", "\""}, {"»", "\""},
}};

// Passes bytes on to the stream it wraps, a whole UTF-8 sequence at a time.
class AsciiGlyphs : public std::streambuf {
  public:
    explicit AsciiGlyphs(std::streambuf* next) : next_(next) {}

  protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return sync() == 0 ? 0 : c;
        const auto byte = static_cast<unsigned char>(c);
        if (pending_.empty() && byte < 0x80) return next_->sputc(static_cast<char>(byte));
        if (byte < 0x80 || (byte & 0xC0) != 0x80) {
            // A new sequence starts: whatever was pending was not valid UTF-8; pass it on.
            if (!pending_.empty() && !send(pending_)) return traits_type::eof();
            pending_.clear();
            if (byte < 0x80) return next_->sputc(static_cast<char>(byte));
            expected_ = (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : 4;
        }
        pending_ += static_cast<char>(byte);
        if (pending_.size() < expected_) return c;
        const auto plain = ascii_for(pending_);
        const bool ok = send(plain.empty() ? std::string_view(pending_) : plain);
        pending_.clear();
        return ok ? c : traits_type::eof();
    }

    int sync() override { return next_->pubsync(); }

  private:
    bool send(std::string_view bytes) {
        return next_->sputn(bytes.data(), static_cast<std::streamsize>(bytes.size())) ==
               static_cast<std::streamsize>(bytes.size());
    }

    std::streambuf* next_;
    std::string pending_;
    std::size_t expected_ = 0;
};

}  // namespace

std::string_view ascii_for(std::string_view glyph) {
    for (const auto& [unicode, plain] : glyphs)
        if (unicode == glyph) return plain;
    return {};
}

void use_ascii_glyphs(std::ostream& out) {
    // Never freed: std::cout is flushed once more after main returns.
    out.rdbuf(new AsciiGlyphs(out.rdbuf()));
}

}  // namespace render
