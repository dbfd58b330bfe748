// The sc-neurocore executable: all of it lives in scn::cli::run (app.cpp).
#include "command.hpp"

int main(int argc, char** argv) { return scn::cli::run(argc, argv); }
