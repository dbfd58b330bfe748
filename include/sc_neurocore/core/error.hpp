// The one error hierarchy of the library. Errors are thrown where input is
// read, caught once in the CLI (exit code + one line) and translated once at
// the Python boundary (exception type + same message).
#pragma once

#include <stdexcept>
#include <string>

namespace scn::core {

// Base of every error the library throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad user input: a flag, a value, a file's content. CLI exit 2; Python ValueError.
class InputError : public Error {
 public:
  using Error::Error;
};

// A file cannot be opened, read or written. CLI exit 2; Python OSError.
class FileError : public InputError {
 public:
  using InputError::InputError;
};

// Evidence (benchmark or synthesis observation) that cannot be trusted.
// CLI exit 2; Python sc_neurocore.optimizer.ObservationLoadError (a ValueError).
class ObservationLoadError : public InputError {
 public:
  using InputError::InputError;
};

// A vendor report whose structure we do not recognise or cannot trust.
class ReportParseError : public InputError {
 public:
  using InputError::InputError;
};

// An external tool (Yosys, nextpnr, ...) failed, timed out or was interrupted: the message names the stage
// and the path of its log. CLI exit 1 (130 when interrupted); Python RuntimeError.
class ToolError : public Error {
 public:
  ToolError(const std::string& message, bool interrupted = false)
      : Error(message), interrupted_(interrupted) {}
  bool interrupted() const { return interrupted_; }

 private:
  bool interrupted_;
};

// The design does not fit the device ("needs N ICESTORM_LC, device has M"). CLI exit 3; Python
// sc_neurocore.hw.DoesNotFitError (a RuntimeError).
class DoesNotFitError : public Error {
 public:
  using Error::Error;
};

// An object used in the wrong state (e.g. predict before fit). Python RuntimeError.
class StateError : public Error {
 public:
  using Error::Error;
};

}  // namespace scn::core
