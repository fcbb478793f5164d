// @title     Task.Delay(1) is not 1 ms: timer resolution
// @questions 24 25
// @topic     Delays and timers
// @timer-resolution 15.6ms
// @expect outcome completed
// @expect-when timer-resolution=15.6ms end-at 156ms ± 5ms
// @expect output "10 frames done"
// @expect-when timer-resolution=4ms end-at 40ms ± 2ms
// @expect-when timer-resolution=1ms end-at 10ms ± 2ms
// @note L38: Each 1 ms delay really lasts until the next timer tick, 15.6 ms apart.

/* @explain
A delay can only end when the timer that drives it fires. This scenario sets the timer
resolution to 15.6 ms, the default system timer tick on Windows. On Linux, .NET's timers
read a coarse clock that moves in 4 ms steps (measured on .NET 10), so each of these delays
lasts about 4 ms there; Mono and Awaitlab's default use 1 ms.

`AnimateAsync` wants a frame every millisecond and awaits `Task.Delay(1)` ten times. The ten
delays ask for 10 ms in all; the loop takes about 156 ms, because each delay is rounded up to
the next tick. Zoom into the timeline: the continuations line up on a regular 15.6 ms grid.

Lessons:

- `Task.Delay(n)` means *at least* n ms, never exactly n; short delays are dominated by
  the timer resolution;
- do not use small delays as a precise clock or to pace tight loops; measure elapsed time
  instead, or use a dedicated timer when precision matters;
- `Thread.Sleep(1)` has the same coarse granularity on Windows, and it also blocks the
  thread while waiting.

Edit the `@timer-resolution` line to `4ms` (.NET on Linux) or `1ms` and run again: the loop shrinks to about 40 ms, then to about what it asked for.
*/

async Task AnimateAsync()
{
    for (int frame = 1; frame <= 10; frame++)
    {
        await Task.Delay(1);   // asks for 1 ms
    }
    Console.WriteLine("10 frames done");
}

void Main()
{
    AnimateAsync().GetAwaiter().GetResult();
}
