// libxml2's encoding.h includes ICU's headers when LIBXML_ICU_ENABLED is set, and ICU's
// declarations clash with the copy Foundation ships. xmlversion.h has an include guard, so
// loading it first and undefining the flag keeps ICU out of every later libxml2 header.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
