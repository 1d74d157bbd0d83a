#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

namespace gdbm {

// Progress of a long job that is not training: "what is happening" and how far along it is.
// total is 0 when unknown. A job calls it often; the receiver throttles if it needs to.
struct JobProgress
{
    std::string stage;
    std::size_t done = 0;
    std::size_t total = 0;
};

using ProgressCallback = std::function<void(const JobProgress&)>;

// A cancel flag shared between the caller and a running job; the job checks it at safe points
// and throws gdbm::Cancelled, leaving its inputs untouched.
using CancelFlag = std::atomic<bool>;

} // namespace gdbm
