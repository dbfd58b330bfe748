// flow::for_each_parallel, the runner of the sweep's builds and the calibration's measurements.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sc_neurocore/flow/process.hpp"
#include "test_util.hpp"

namespace scn::flow {
namespace {

TEST(ForEachParallel, RunsEveryTaskOnceAndReportsEachUnderTheLock) {
  std::vector<std::atomic<int>> runs(25);
  std::vector<std::size_t> done;
  int inside = 0, most_inside = 0;
  for_each_parallel(
      runs.size(), 3, [&](std::size_t i) { runs[i]++; },
      [&](std::size_t i) {
        most_inside = std::max(most_inside, ++inside);  // done() never runs twice at once
        done.push_back(i);
        --inside;
      });
  for (const auto& r : runs) EXPECT_EQ(r.load(), 1);
  EXPECT_EQ(done.size(), 25u);
  EXPECT_EQ(most_inside, 1);
}

TEST(ForEachParallel, UsesAtMostJobsThreads) {
  std::atomic<int> running{0}, most{0};
  for_each_parallel(
      8, 2,
      [&](std::size_t) {
        const int now = ++running;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        --running;
      },
      [](std::size_t) {});
  EXPECT_EQ(most.load(), 2);
}

TEST(ForEachParallel, RethrowsTheFirstErrorAfterTheOtherTasksEnd) {
  std::atomic<int> finished{0};
  EXPECT_THROW_MESSAGE(for_each_parallel(
                           6, 1,
                           [&](std::size_t i) {
                             if (i == 2) throw std::runtime_error("task 2 failed");
                             ++finished;
                           },
                           [](std::size_t) {}),
                       std::runtime_error, "task 2 failed");
  // One thread stops at the failing task: tasks 0 and 1 ran, none after it.
  EXPECT_EQ(finished.load(), 2);
}

}  // namespace
}  // namespace scn::flow
