#pragma once
// `yilu catalog lint FILE…`: every problem of a catalog file with its JSON pointer.

namespace yilu::server {

/// Runs `yilu catalog <subcommand>`. Returns 0 when clean, 1 when problems were found,
/// 2 on a usage error or an unreadable file.
int run_catalog_cli(int argc, char** argv);

}  // namespace yilu::server
