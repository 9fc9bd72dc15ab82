#pragma once
// Writing SVG markup: a writer that closes what it opens and escapes every text and attribute
// value, numbers written the same whatever the locale, and colour mixing for textures.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace render {

// Text made safe for XML content and attribute values: markup characters become entities,
// characters XML forbids are dropped and broken UTF-8 becomes U+FFFD.
std::string xml_escape(std::string_view text);

namespace svg {

// Coordinates with one decimal, always with a point, whatever the locale.
std::string px(double value);

// `amount` of the way from the colour "#rrggbb" to `toward` (255 lightens, 0 darkens).
std::string mix(std::string_view hex, double toward, double amount);

using Attr = std::pair<std::string_view, std::string>;
using Attrs = std::initializer_list<Attr>;

// Writes elements so that everything opened is closed: open() pairs with close(), and
// finish() closes whatever is still open. Text and attribute values are always escaped.
class Writer {
  public:
    void open(std::string_view tag, Attrs attrs = {});
    void close();
    void leaf(std::string_view tag, Attrs attrs);
    void text(std::string_view tag, Attrs attrs, std::string_view content);
    std::string finish();

  private:
    void indent();
    void start(std::string_view tag, Attrs attrs);

    std::string out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    std::vector<std::string> open_;
};

}  // namespace svg
}  // namespace render
