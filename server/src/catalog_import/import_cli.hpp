#pragma once
// `yilu catalog import`: the command-line face of catalog_import/item_list_import.hpp.

namespace yilu::server {

/// argv starts after "import". 0: every row imported; 1: problems (the good rows are still
/// written); 2: a usage error or a file that cannot be read.
int run_catalog_import(int argc, char** argv);

}  // namespace yilu::server
