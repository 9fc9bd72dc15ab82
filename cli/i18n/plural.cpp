#include "i18n/plural.hpp"

#include <cmath>

namespace i18n {

int plural_form(Language language, double n) {
    const double magnitude = std::fabs(n);
    const bool whole = std::floor(magnitude) == magnitude;
    const long long i = static_cast<long long>(magnitude);
    switch (language) {
        case Language::en:
            return whole && i == 1 ? 0 : 1;
        case Language::pt_BR:
            // CLDR pt: "one" for i = 0 or 1, fractions included (1,5 segundo).
            return i <= 1 ? 0 : 1;
        case Language::uk: {
            // Fractions take CLDR "other" (у 1,5 раза); blocks with three forms use "few".
            if (!whole) return 3;
            const long long mod10 = i % 10, mod100 = i % 100;
            if (mod10 == 1 && mod100 != 11) return 0;
            if (mod10 >= 2 && mod10 <= 4 && !(mod100 >= 12 && mod100 <= 14)) return 1;
            return 2;
        }
    }
    return 1;
}

}  // namespace i18n
