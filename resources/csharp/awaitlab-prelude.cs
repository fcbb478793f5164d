// Awaitlab's C# prelude: the simulated world of a scenario, implemented for real.
//
// `awaitlab csharp` pastes this file in front of a scenario's code. It compiles with
// Mono's mcs (C# 7.2; mscorlib, System and System.Core) and, with AWAITLAB_DOTNET
// defined (`--target dotnet`), on .NET 10:
//
//   mcs -langversion:7.2 -out:x.exe x.cs && mono x.exe
//   dotnet run x.cs
//
// What it provides:
//  - Http.GetAsync/Get, Db.QueryAsync/Query, Cpu.Work: the simulated world's I/O and
//    CPU work, with fault injection (fail:, failures:). Asynchronous I/O is a timer
//    that completes the task on a pool thread; blocking I/O is Thread.Sleep; CPU work
//    holds its thread for its share of @cores cores (see BurnCpu).
//  - Console / Environment shadows (the scenario class lives in namespace Awaitlab, so
//    these win over System.Console): every output line becomes one JSON object
//    {"t_ms": …, "thread_kind": "main|ui|pool|dedicated", "text": …, "thread_id": N}.
//  - The environments: console (Main on the main thread), ui (a UI thread running a
//    single-threaded SynchronizationContext message loop; the entry is its first
//    message), aspnet-classic (a one-at-a-time context per request, on pool threads),
//    aspnetcore (requests queued to the pool, no context; @load RPS for TIME).
//  - A watchdog that ends the run: "completed" when the entry (every request) is done
//    and nothing tracked is pending, "deadlock" when nothing progresses for a long
//    while although work is unfinished, "limit" after a wall-clock cap. The last line is
//    {"outcome": …, "end_ms": …} (+ "exception" for a crash).
//
// Task.Delay and Thread.Sleep in scenario code are redirected by the generator to
// SimWorld.Delay / SimWorld.Sleep, which behave exactly like Mono's own (a timer whose
// callback completes the task on a pool thread; a blocking sleep) but let the watchdog
// see that something is pending.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Awaitlab
{
  public enum SimEnvironment
  {
    Console,
    Ui,
    AspNetClassic,
    AspNetCore,
  }

  // System.Net.Http is not part of mono-runtime's default assemblies; the simulated
  // world only needs the exception type (the name is what the comparison checks).
  public class HttpRequestException : Exception
  {
    public HttpRequestException () : base () { }
    public HttpRequestException (string message) : base (message) { }
    public HttpRequestException (string message, Exception inner) : base (message, inner) { }
  }

  public static class SimWorld
  {
    // Configuration, set by the generated Program.Main before Run().
    public static SimEnvironment Env = SimEnvironment.Console;
    public static int Cores = 2;            // what Environment.ProcessorCount reports
    public static int MinThreads = 0;       // 0 = leave the pool's default
    public static int MaxThreads = 0;       // 0 = leave the pool's default
    public static double LongestDelayMs = 1000;
    public static double LoadRps = 0;       // web: 0 = one request at t = 0
    public static double LoadDurationMs = 0;
    public static double WallLimitMs = 60000;
    public static double GraceMs = 250;     // quiet time before "completed" (ui, web)

    static readonly Stopwatch clock = new Stopwatch ();
    static readonly object out_lock = new object ();
    static System.IO.TextWriter stdout;
    static long last_progress_ticks;
    static int inflight;                    // delays, I/O, sleeps, CPU work in progress
    static int finished;
    static int requests_pending;            // web/ui entries not yet completed
    [ThreadStatic] static string thread_kind;

    // ------------------------------------------------------------------------------
    // Time, progress and output

    public static double NowMs
    {
      get { return clock.Elapsed.TotalMilliseconds; }
    }

    static double LastProgressMs
    {
      get { return Interlocked.Read (ref last_progress_ticks) * 1000.0 / Stopwatch.Frequency; }
    }

    public static void Progress ()
    {
      Interlocked.Exchange (ref last_progress_ticks, clock.ElapsedTicks);
    }

    public static void Begin ()
    {
      Interlocked.Increment (ref inflight);
      Progress ();
    }

    public static void End ()
    {
      Progress ();
      Interlocked.Decrement (ref inflight);
    }

    public static void MarkThread (string kind)
    {
      thread_kind = kind;
    }

    public static string CurrentThreadKind ()
    {
      if (thread_kind != null)
        return thread_kind;
      return Thread.CurrentThread.IsThreadPoolThread ? "pool" : "dedicated";
    }

    static string Json (string s)
    {
      var sb = new StringBuilder ("\"");
      foreach (char c in s)
        {
          switch (c)
            {
            case '"': sb.Append ("\\\""); break;
            case '\\': sb.Append ("\\\\"); break;
            case '\n': sb.Append ("\\n"); break;
            case '\r': sb.Append ("\\r"); break;
            case '\t': sb.Append ("\\t"); break;
            default:
              if (c < 0x20)
                sb.AppendFormat ("\\u{0:x4}", (int) c);
              else
                sb.Append (c);
              break;
            }
        }
      return sb.Append ('"').ToString ();
    }

    static string Ms (double ms)
    {
      return ms.ToString ("0.0", CultureInfo.InvariantCulture);
    }

    public static void WriteLine (string text)
    {
      string kind = CurrentThreadKind ();
      lock (out_lock)
        {
          if (finished != 0)
            return;
          Progress ();
          stdout.WriteLine ("{\"t_ms\": " + Ms (NowMs) + ", \"thread_kind\": \"" + kind +
                            "\", \"text\": " + Json (text ?? "") +
                            ", \"thread_id\": " + Thread.CurrentThread.ManagedThreadId + "}");
          stdout.Flush ();
        }
    }

    // Prints the last line and ends the process; only the first call counts.
    public static void Finish (string outcome, double end_ms, Exception exception)
    {
      lock (out_lock)
        {
          if (finished != 0)
            return;
          finished = 1;
          string line = "{\"outcome\": \"" + outcome + "\", \"end_ms\": " + Ms (end_ms);
          if (exception != null)
            line += ", \"exception\": " + Json (exception.GetType ().Name) +
                    ", \"message\": " + Json (exception.Message);
          stdout.WriteLine (line + "}");
          stdout.Flush ();
        }
      global::System.Environment.Exit (0);
    }

    public static void Crash (Exception e)
    {
      Finish ("crashed", NowMs, e);
    }

    // ------------------------------------------------------------------------------
    // Task.Delay and Thread.Sleep, tracked

    // The same shape as Mono's Task.Delay: a System.Threading.Timer whose callback (on a
    // pool thread) completes the task, so continuations without a context run inline
    // on that pool thread; a token cancels it inline on the canceling thread.
    static readonly HashSet<Timer> live_timers = new HashSet<Timer> ();

    public static Task Delay (int ms)
    {
      return Delay (ms, CancellationToken.None);
    }

    public static Task Delay (int ms, CancellationToken token)
    {
      return Delay ((double) ms, token);
    }

    public static Task Delay (TimeSpan span)
    {
      return Delay (span.TotalMilliseconds, CancellationToken.None);
    }

    public static Task Delay (TimeSpan span, CancellationToken token)
    {
      return Delay (span.TotalMilliseconds, token);
    }

    public static Task Delay (double ms, CancellationToken token)
    {
      if (token.IsCancellationRequested)
        return CanceledTask (token);
      if (ms == 0)
        return Task.CompletedTask;
      var tcs = new TaskCompletionSource<bool> ();
      if (ms < 0)
        {
          // Timeout.Infinite: only the token ends it; nothing to wait for.
          if (token.CanBeCanceled)
            token.Register (() => tcs.TrySetCanceled (token));
          return tcs.Task;
        }
      After (ms, token, () => tcs.TrySetResult (true), () => tcs.TrySetCanceled (token));
      return tcs.Task;
    }

    static Task CanceledTask (CancellationToken token)
    {
      var tcs = new TaskCompletionSource<bool> ();
      tcs.SetCanceled ();
      return tcs.Task;
    }

    // Runs @done on a pool thread after @ms (unless @token cancels first: then
    // @canceled runs inline on the canceling thread). Tracked as in flight.
    internal static void After (double ms, CancellationToken token, Action done, Action canceled)
    {
      Begin ();
      int state = 0;   // 0 pending, 1 fired or canceled
      Timer timer = null;
      CancellationTokenRegistration reg = default (CancellationTokenRegistration);
      timer = new Timer (_ => {
        if (Interlocked.Exchange (ref state, 1) != 0)
          return;
        lock (live_timers)
          live_timers.Remove (timer);
        timer.Dispose ();
        reg.Dispose ();
        End ();
        done ();
      }, null, Timeout.Infinite, Timeout.Infinite);
      lock (live_timers)
        live_timers.Add (timer);
      if (token.CanBeCanceled)
        reg = token.Register (() => {
          if (Interlocked.Exchange (ref state, 1) != 0)
            return;
          lock (live_timers)
            live_timers.Remove (timer);
          timer.Dispose ();
          End ();
          canceled ();
        });
      timer.Change ((long) Math.Max (1, Math.Round (ms)), Timeout.Infinite);
    }

    public static void Sleep (int ms)
    {
      Sleep ((double) ms);
    }

    public static void Sleep (TimeSpan span)
    {
      Sleep (span.TotalMilliseconds);
    }

    public static void Sleep (double ms)
    {
      Begin ();
      try
        {
          Thread.Sleep ((int) Math.Round (ms));
        }
      finally
        {
          End ();
        }
    }

    // ------------------------------------------------------------------------------
    // CPU work.
    //
    // The simulator gives CPU work a core out of @cores and time-slices when more
    // threads want CPU than there are cores; nothing else needs a core. Cpu.Work does
    // the same here: it holds its thread until it has received @ms of CPU from
    // @cores virtual cores shared equally by every Cpu.Work in progress (processor
    // sharing). It does not burn the real CPU, so the timings neither depend on this
    // machine's core count nor on its load, and @cores 4 works on 2 real cores.
    // AWAITLAB_CPU=burn instead spins until this thread has consumed @ms of real CPU
    // time (then real cores and load decide; run with cores capped to the machine).

    static readonly object cpu_lock = new object ();
    static int cpu_active;
    static double cpu_received;   // CPU ms each active worker has received so far
    static double cpu_updated;    // wall ms of the last update
    static readonly bool cpu_burn =
      global::System.Environment.GetEnvironmentVariable ("AWAITLAB_CPU") == "burn";

    static void CpuAdvance ()
    {
      double now = NowMs;
      if (cpu_active > 0)
        cpu_received += (now - cpu_updated) * Math.Min (1.0, (double) Cores / cpu_active);
      cpu_updated = now;
    }

    public static void BurnCpu (double ms)
    {
      if (ms <= 0)
        return;
      Begin ();
      try
        {
          if (cpu_burn)
            SpinCpu (ms);
          else
            ShareCpu (ms);
        }
      finally
        {
          End ();
        }
    }

    static void ShareCpu (double ms)
    {
      lock (cpu_lock)
        {
          CpuAdvance ();
          cpu_active++;
          double target = cpu_received + ms;
          Monitor.PulseAll (cpu_lock);   // the others' share just shrank
          for (;;)
            {
              CpuAdvance ();
              double remaining = target - cpu_received;
              if (remaining <= 0.01)
                break;
              double rate = Math.Min (1.0, (double) Cores / cpu_active);
              Monitor.Wait (cpu_lock, TimeSpan.FromMilliseconds (Math.Max (0.05, remaining / rate)));
            }
          cpu_active--;
          Monitor.PulseAll (cpu_lock);   // the others' share just grew
        }
    }

    [StructLayout (LayoutKind.Sequential)]
    struct Timespec
    {
      public long sec;
      public long nsec;
    }

    [DllImport ("libc", EntryPoint = "clock_gettime")]
    static extern int clock_gettime (int clock_id, out Timespec ts);

    const int CLOCK_THREAD_CPUTIME_ID = 3;
    static bool cpu_clock_broken;

    static double ThreadCpuMs ()
    {
      if (!cpu_clock_broken)
        {
          try
            {
              Timespec ts;
              if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, out ts) == 0)
                return ts.sec * 1000.0 + ts.nsec / 1e6;
            }
          catch (Exception)
            {
            }
          cpu_clock_broken = true;
        }
      return NowMs;
    }

    static void SpinCpu (double ms)
    {
      double start = ThreadCpuMs ();
      while (ThreadCpuMs () - start < ms)
        {
        }
    }

    // ------------------------------------------------------------------------------
    // Requests / entries: counted so the watchdog knows when everything is done.

    internal static void EntryStarted ()
    {
      Interlocked.Increment (ref requests_pending);
      Progress ();
    }

    internal static void EntryDone ()
    {
      Progress ();
      Interlocked.Decrement (ref requests_pending);
    }

    // ------------------------------------------------------------------------------
    // Running a scenario

    public static void Run (Func<int, Task> entry)
    {
      PoolShape.RestartIfNeeded (MinThreads, Cores);
      scenario_namespace = entry.Method.DeclaringType.Namespace;
      stdout = new System.IO.StreamWriter (global::System.Console.OpenStandardOutput (),
                                           new UTF8Encoding (false));
      CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
      CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
      Thread.CurrentThread.CurrentCulture = CultureInfo.InvariantCulture;
      MarkThread ("main");

      if (MaxThreads > 0)
        ThreadPool.SetMaxThreads (MaxThreads, MaxThreads);
      if (MinThreads > 0)
        ThreadPool.SetMinThreads (MinThreads, MinThreads);

      AppDomain.CurrentDomain.UnhandledException += (sender, args) => {
        Crash (args.ExceptionObject as Exception ?? new Exception ("unknown"));
      };

      WarmUp ();
      clock.Start ();
      Progress ();
      StartWatchdog ();

      switch (Env)
        {
        case SimEnvironment.Console:
          RunConsole (entry);
          break;
        case SimEnvironment.Ui:
          UiContext.Run (entry);
          break;
        default:
          WebHost.Run (entry);
          break;
        }
    }

    // JIT-compiles the prelude and the scenario, so that the first output line is not
    // late by Mono's compile time. It must not touch the thread pool or timers: idle
    // (parked) workers and an already running pool monitor change when Mono creates
    // and injects threads (an extra thread at start, injections 500 ms out of phase).
    static void WarmUp ()
    {
      Json ("warm");
      // The BCL's async machinery (builders, awaiters, continuations), without threads.
      // Built without optimisation (Debug, as `dotnet run` does), state machines are
      // classes, so .NET shares the builders' generic code among them: awaiting the
      // common awaiter types here compiles what the scenario's awaits will use.
      var tcs = new TaskCompletionSource<string> ();
      var tcs_int = new TaskCompletionSource<int> ();
      var tcs_bool = new TaskCompletionSource<bool> ();
      Func<Task<string>> waiter = async () => await tcs.Task;
      Func<Task<int>> int_waiter = async () => await tcs_int.Task + (await tcs_bool.Task ? 1 : 0);
      Func<Task> configured = async () => {
        await tcs.Task.ConfigureAwait (false);
        await ((Task) tcs_int.Task).ConfigureAwait (false);
        await (Task) tcs_bool.Task;
      };
      Task<string> waited = waiter ();
      Task<int> int_waited = int_waiter ();
      Task configured_waited = configured ();
      tcs.SetResult (string.Format (CultureInfo.InvariantCulture, "{0} {1}", 1, 2.5));
      tcs_int.SetResult (1);
      tcs_bool.SetResult (true);
      waited.GetAwaiter ().GetResult ();
      int_waited.GetAwaiter ().GetResult ();
      configured_waited.GetAwaiter ().GetResult ();
      Task.WhenAll (new Task[] { waited }).Wait ();
      Task.WhenAny (new Task[] { waited }).Wait ();
      // Starts Mono's timer scheduler thread; the timer never fires (no pool work).
      new Timer (_ => { }, null, 3600 * 1000, Timeout.Infinite).Dispose ();
      Ms (1.0);
      ThreadCpuMs ();
      WarmUpOutput ();
      // Only the prelude and this scenario (a .NET bundle holds many scenarios).
      foreach (var type in typeof (SimWorld).Assembly.GetTypes ())
        if (type.Namespace == typeof (SimWorld).Namespace || type.Namespace == scenario_namespace)
        foreach (var m in type.GetMethods (System.Reflection.BindingFlags.DeclaredOnly |
                                           System.Reflection.BindingFlags.Public |
                                           System.Reflection.BindingFlags.NonPublic |
                                           System.Reflection.BindingFlags.Static |
                                           System.Reflection.BindingFlags.Instance))
          {
            if (m.IsAbstract || m.ContainsGenericParameters)
              continue;
            try
              {
                System.Runtime.CompilerServices.RuntimeHelpers.PrepareMethod (m.MethodHandle);
              }
            catch (Exception)
              {
              }
          }
    }

    // The first line written to stdout cost 7-9 ms on .NET 10 (the console stream's
    // write path is compiled and loaded on first use), which made every first output
    // line and the end of short runs late. The same path is exercised here without
    // printing anything: a line into a memory stream, then an empty write and a flush of
    // the real stream (measured after this: 0.3 ms for the first line).
    static void WarmUpOutput ()
    {
      var scratch = new System.IO.StreamWriter (new System.IO.MemoryStream (), new UTF8Encoding (false));
      scratch.WriteLine ("{\"t_ms\": " + Ms (NowMs) + ", \"text\": " + Json ("warm") +
                         ", \"thread_id\": " + Thread.CurrentThread.ManagedThreadId + "}");
      scratch.Flush ();
      var writer = stdout as System.IO.StreamWriter;
      if (writer != null)
        writer.BaseStream.Write (new byte[0], 0, 0);
      stdout.Flush ();
    }

    static string scenario_namespace;

    static void RunConsole (Func<int, Task> entry)
    {
      try
        {
          Task task = entry (0);
          if (task != null)
            task.GetAwaiter ().GetResult ();
        }
      catch (Exception e)
        {
          Crash (e);
        }
      Finish ("completed", NowMs, null);
    }

    // ------------------------------------------------------------------------------
    // The watchdog

    static double DeadlockMs
    {
      get { return Math.Max (1500, 3 * LongestDelayMs + 500); }
    }

    static void StartWatchdog ()
    {
      var thread = new Thread (Watch);
      thread.IsBackground = true;
      thread.Name = "Awaitlab watchdog";
      thread.Start ();
    }

    static void Watch ()
    {
      MarkThread ("watchdog");
      for (;;)
        {
          Thread.Sleep (10);
          double now = NowMs;
          double last = LastProgressMs;
          double idle = now - last;
          bool busy = Interlocked.CompareExchange (ref inflight, 0, 0) > 0;
          bool entries_done = Env != SimEnvironment.Console &&
                              Interlocked.CompareExchange (ref requests_pending, 0, 0) == 0 &&
                              WebHost.AllStarted && UiContext.Idle;

          if (now > WallLimitMs)
            Finish ("limit", now, null);
          else if (entries_done && !busy && idle >= GraceMs)
            Finish ("completed", last, null);
          else if (!busy && idle >= DeadlockMs)
            Finish ("deadlock", last, null);
        }
    }
  }

  // --------------------------------------------------------------------------------
  // The pool's size at start. A runtime reads it when the process starts, so a program
  // started without it restarts itself once, with the same arguments and output:
  //  - .NET sizes the pool (minimum = processors) from DOTNET_PROCESSOR_COUNT; the
  //    minimum is then set with SetMinThreads too (in Run), for @min-threads.
  //  - Mono 6.8 ignores SetMinThreads for its starting size: it starts
  //    MONO_THREADS_PER_CPU (default 1) x the processors it may run on. The restart
  //    narrows the CPU affinity and sets that variable so the product is @min-threads
  //    (4 threads on 2 CPUs = 2 x 2), as build-aux/fidelity does with taskset.

  static class PoolShape
  {
    const string Marker = "AWAITLAB_POOL_SHAPED";

    internal static void RestartIfNeeded (int min_threads, int cores)
    {
      if (global::System.Environment.GetEnvironmentVariable (Marker) != null)
        return;
#if AWAITLAB_DOTNET
      if (global::System.Environment.GetEnvironmentVariable ("DOTNET_PROCESSOR_COUNT") != null)
        return;
      var info = new ProcessStartInfo (global::System.Environment.ProcessPath);
      string[] args = global::System.Environment.GetCommandLineArgs ();
      // Under `dotnet app.dll` the first argument is the app itself.
      bool host = System.IO.Path.GetFileNameWithoutExtension (info.FileName) == "dotnet";
      for (int i = host ? 0 : 1; i < args.Length; i++)
        info.ArgumentList.Add (args[i]);
      info.Environment["DOTNET_PROCESSOR_COUNT"] = cores.ToString (CultureInfo.InvariantCulture);
#else
      if (global::System.Environment.GetEnvironmentVariable ("MONO_THREADS_PER_CPU") != null)
        return;
      int machine = global::System.Environment.ProcessorCount;
      int cpus = machine;
      while (cpus > 1 && (cpus > min_threads || min_threads % cpus != 0))
        cpus--;
      int per_cpu = Math.Max (1, min_threads / cpus);
      if (cpus == machine && per_cpu == 1)
        return;
      if (cpus < machine && !SetAffinity (cpus))
        return;
      string assembly = typeof (PoolShape).Assembly.Location;
      var info = new ProcessStartInfo (Process.GetCurrentProcess ().MainModule.FileName);
      var quoted = new StringBuilder ("--debug \"" + assembly + "\"");
      string[] args = global::System.Environment.GetCommandLineArgs ();
      for (int i = 1; i < args.Length; i++)
        quoted.Append (" \"" + args[i].Replace ("\"", "\\\"") + "\"");
      info.Arguments = quoted.ToString ();
      info.EnvironmentVariables["MONO_THREADS_PER_CPU"] = per_cpu.ToString (CultureInfo.InvariantCulture);
#endif
      info.UseShellExecute = false;
#if AWAITLAB_DOTNET
      info.Environment[Marker] = "1";
#else
      info.EnvironmentVariables[Marker] = "1";
#endif
      Process child;
      try
        {
          child = Process.Start (info);
        }
      catch (Exception)
        {
          return;   // run as we are; only the pool's starting size differs
        }
      child.WaitForExit ();
      global::System.Environment.Exit (child.ExitCode);
    }

#if !AWAITLAB_DOTNET
    [DllImport ("libc", EntryPoint = "sched_setaffinity")]
    static extern int sched_setaffinity (int pid, IntPtr size, byte[] mask);

    // The first @cpus CPUs, for this process and the child it starts.
    static bool SetAffinity (int cpus)
    {
      try
        {
          var mask = new byte[128];
          for (int i = 0; i < cpus; i++)
            mask[i / 8] |= (byte) (1 << (i % 8));
          return sched_setaffinity (0, (IntPtr) mask.Length, mask) == 0;
        }
      catch (Exception)
        {
          return false;
        }
    }
#endif
  }

  // --------------------------------------------------------------------------------
  // The UI environment: one thread, one message queue, a SynchronizationContext whose
  // Post enqueues and whose Send runs synchronously on the UI thread.

  public sealed class UiContext : SynchronizationContext
  {
    static readonly Queue<KeyValuePair<SendOrPostCallback, object>> queue =
      new Queue<KeyValuePair<SendOrPostCallback, object>> ();
    static Thread ui_thread;
    static bool running_message;
    static int operations;   // async void methods started on this context, not finished
    static readonly UiContext instance = new UiContext ();

    public static bool Idle
    {
      get
        {
          if (SimWorld.Env != SimEnvironment.Ui)
            return true;
          lock (queue)
            return queue.Count == 0 && !running_message &&
                   Interlocked.CompareExchange (ref operations, 0, 0) == 0;
        }
    }

    public override void Post (SendOrPostCallback d, object state)
    {
      lock (queue)
        {
          queue.Enqueue (new KeyValuePair<SendOrPostCallback, object> (d, state));
          Monitor.PulseAll (queue);
        }
    }

    public override void Send (SendOrPostCallback d, object state)
    {
      if (Thread.CurrentThread == ui_thread)
        {
          d (state);
          return;
        }
      var done = new ManualResetEventSlim ();
      Exception error = null;
      Post (_ => {
        try { d (state); }
        catch (Exception e) { error = e; }
        finally { done.Set (); }
      }, null);
      done.Wait ();
      if (error != null)
        throw new System.Reflection.TargetInvocationException (error);
    }

    public override SynchronizationContext CreateCopy ()
    {
      return this;
    }

    public override void OperationStarted ()
    {
      Interlocked.Increment (ref operations);
      SimWorld.Progress ();
    }

    public override void OperationCompleted ()
    {
      SimWorld.Progress ();
      Interlocked.Decrement (ref operations);
    }

    internal static void Run (Func<int, Task> entry)
    {
      SimWorld.EntryStarted ();
      instance.Post (_ => {
        Task task = entry (0);
        if (task == null || task.IsCompleted)
          {
            if (task != null && task.IsFaulted)
              SimWorld.Crash (task.Exception.InnerException);
            SimWorld.EntryDone ();
          }
        else
          task.ContinueWith (t => {
            if (t.IsFaulted)
              SimWorld.Crash (t.Exception.InnerException);
            SimWorld.EntryDone ();
          }, TaskContinuationOptions.ExecuteSynchronously);
      }, null);

      ui_thread = new Thread (Loop);
      ui_thread.IsBackground = true;
      ui_thread.Name = "UI";
      ui_thread.Start ();
      // The main thread has nothing more to do; the watchdog ends the process.
      Thread.Sleep (Timeout.Infinite);
    }

    static void Loop ()
    {
      SimWorld.MarkThread ("ui");
      SynchronizationContext.SetSynchronizationContext (instance);
      for (;;)
        {
          KeyValuePair<SendOrPostCallback, object> message;
          lock (queue)
            {
              while (queue.Count == 0)
                Monitor.Wait (queue);
              message = queue.Dequeue ();
              running_message = true;
            }
          SimWorld.Progress ();
          try
            {
              message.Key (message.Value);
            }
          catch (Exception e)
            {
              // An unhandled exception on the UI thread ends a WinForms/WPF app.
              SimWorld.Crash (e);
            }
          SimWorld.Progress ();
          lock (queue)
            running_message = false;
        }
    }
  }

  // --------------------------------------------------------------------------------
  // Web environments.

  // Classic ASP.NET's AspNetSynchronizationContext, reduced to what matters: one per
  // request; callbacks run one at a time, each on whatever pool thread picks it up,
  // chained behind everything scheduled before — including the request's own
  // synchronous part, so a request thread blocked in .Result holds the context.
  public sealed class AspNetContext : SynchronizationContext
  {
    readonly object gate = new object ();
    Task last;
    int operations;

    public AspNetContext (Task first)
    {
      last = first;
    }

    int entry_returned;
    int reported;

    internal void EntryReturned ()
    {
      Interlocked.Exchange (ref entry_returned, 1);
      MaybeDone ();
    }

    void MaybeDone ()
    {
      if (Interlocked.CompareExchange (ref entry_returned, 0, 0) == 1 &&
          Interlocked.CompareExchange (ref operations, 0, 0) == 0 &&
          Interlocked.Exchange (ref reported, 1) == 0)
        SimWorld.EntryDone ();
    }

    public override void Post (SendOrPostCallback d, object state)
    {
      lock (gate)
        last = last.ContinueWith (_ => Enter (d, state), CancellationToken.None,
                                  TaskContinuationOptions.None, TaskScheduler.Default);
    }

    public override void Send (SendOrPostCallback d, object state)
    {
      Enter (d, state);
    }

    void Enter (SendOrPostCallback d, object state)
    {
      var previous = SynchronizationContext.Current;
      SynchronizationContext.SetSynchronizationContext (this);
      try
        {
          d (state);
        }
      catch (Exception e)
        {
          SimWorld.Crash (e);
        }
      finally
        {
          SynchronizationContext.SetSynchronizationContext (previous);
        }
    }

    public override SynchronizationContext CreateCopy ()
    {
      return this;
    }

    public override void OperationStarted ()
    {
      Interlocked.Increment (ref operations);
      SimWorld.Progress ();
    }

    public override void OperationCompleted ()
    {
      SimWorld.Progress ();
      Interlocked.Decrement (ref operations);
      MaybeDone ();
    }
  }

  public static class WebHost
  {
    static volatile bool all_started = true;

    public static bool AllStarted
    {
      get { return all_started; }
    }

    internal static void Run (Func<int, Task> entry)
    {
      int count = 1;
      double interval = 0;
      if (SimWorld.LoadRps > 0 && SimWorld.LoadDurationMs > 0)
        {
          count = Math.Max (1, (int) Math.Round (SimWorld.LoadRps * SimWorld.LoadDurationMs / 1000.0));
          interval = 1000.0 / SimWorld.LoadRps;
        }
      all_started = false;
      for (int i = 0; i < count; i++)
        {
          double due = i * interval;
          double wait = due - SimWorld.NowMs;
          if (wait >= 1)
            Thread.Sleep ((int) wait);
          int request = i;
          SimWorld.EntryStarted ();
          ThreadPool.QueueUserWorkItem (_ => Serve (entry, request));
        }
      all_started = true;
      Thread.Sleep (Timeout.Infinite);
    }

    static void Serve (Func<int, Task> entry, int request)
    {
      if (SimWorld.Env == SimEnvironment.AspNetClassic)
        ServeClassic (entry, request);
      else
        ServeCore (entry, request);
    }

    static void ServeCore (Func<int, Task> entry, int request)
    {
      Task task;
      try
        {
          task = entry (request);
        }
      catch (Exception e)
        {
          SimWorld.Crash (e);
          return;
        }
      Complete (task, null);
    }

    static void ServeClassic (Func<int, Task> entry, int request)
    {
      var sync_part = new TaskCompletionSource<bool> ();
      var context = new AspNetContext (sync_part.Task);
      var previous = SynchronizationContext.Current;
      SynchronizationContext.SetSynchronizationContext (context);
      Task task = null;
      try
        {
          task = entry (request);
        }
      catch (Exception e)
        {
          SimWorld.Crash (e);
        }
      finally
        {
          SynchronizationContext.SetSynchronizationContext (previous);
          sync_part.SetResult (true);
        }
      Complete (task, context);
    }

    // A request is done when its task is and (classic) when its context has no async
    // void operation left.
    static void Complete (Task task, AspNetContext context)
    {
      Action done = () => {
        if (task != null && task.IsFaulted)
          SimWorld.Crash (task.Exception.InnerException);
        if (context == null)
          SimWorld.EntryDone ();
        else
          context.EntryReturned ();
      };
      if (task == null || task.IsCompleted)
        done ();
      else
        task.ContinueWith (_ => done (), TaskContinuationOptions.ExecuteSynchronously);
    }
  }

  // --------------------------------------------------------------------------------
  // The simulated world's API, as scenario code calls it.

  public static class Console
  {
    // Text written by Write waits here for the WriteLine that ends its line (one
    // console for every thread, as the simulator's is).
    static readonly object pending_lock = new object ();
    static string pending = "";

    static string TakeLine (string text)
    {
      lock (pending_lock)
        {
          string line = pending + text;
          pending = "";
          return line;
        }
    }

    public static void WriteLine ()
    {
      SimWorld.WriteLine (TakeLine (""));
    }

    public static void WriteLine (string text)
    {
      SimWorld.WriteLine (TakeLine (text));
    }

    public static void WriteLine (object value)
    {
      SimWorld.WriteLine (TakeLine (value == null ? "" : Convert.ToString (value, CultureInfo.InvariantCulture)));
    }

    public static void WriteLine (string format, params object[] args)
    {
      SimWorld.WriteLine (TakeLine (string.Format (CultureInfo.InvariantCulture, format, args)));
    }

    public static void Write (object value)
    {
      lock (pending_lock)
        pending += value == null ? "" : Convert.ToString (value, CultureInfo.InvariantCulture);
    }

    public static void Write (string format, params object[] args)
    {
      lock (pending_lock)
        pending += string.Format (CultureInfo.InvariantCulture, format, args);
    }
  }

  public static class Environment
  {
    public static int ProcessorCount
    {
      get { return SimWorld.Cores; }
    }

    public static string NewLine
    {
      get { return "\n"; }
    }

    public static int CurrentManagedThreadId
    {
      get { return Thread.CurrentThread.ManagedThreadId; }
    }
  }

  static class Faults
  {
    static readonly Dictionary<string, int> calls = new Dictionary<string, int> ();

    public const string Message = "Response status code does not indicate success: 503 (Service Unavailable).";

    // Whether this call to @url fails: always with fail:, or the first @failures calls.
    public static bool ShouldFail (string url, bool fail, int failures)
    {
      int n;
      lock (calls)
        {
          calls.TryGetValue (url ?? "", out n);
          calls[url ?? ""] = ++n;
        }
      return fail || n <= failures;
    }
  }

  public static class Http
  {
    public static Task<string> GetAsync (string url, double ms,
                                         CancellationToken token = default (CancellationToken),
                                         bool fail = false, int failures = 0, string body = null)
    {
      bool fails = Faults.ShouldFail (url, fail, failures);
      return World.IoAsync (ms, token, fails ? new HttpRequestException (Faults.Message) : null,
                            Body (url, body));
    }

    public static string Get (string url, double ms, bool fail = false, int failures = 0,
                              string body = null)
    {
      bool fails = Faults.ShouldFail (url, fail, failures);
      SimWorld.Sleep (ms);
      if (fails)
        throw new HttpRequestException (Faults.Message);
      return Body (url, body);
    }

    // The simulator's body text (docs/scenario-language.md), or the one the call gave.
    internal static string Body (string url, string body)
    {
      return body ?? "response from " + url;
    }
  }

  public static class Db
  {
    // As the simulator: a query returns 1 (rows affected), a failure is a timeout.
    public const string TimeoutMessage =
      "Execution Timeout Expired. The timeout period elapsed prior to completion of the operation.";

    public static Task<int> QueryAsync (string sql, double ms,
                                        CancellationToken token = default (CancellationToken),
                                        bool fail = false, int failures = 0)
    {
      bool fails = Faults.ShouldFail ("db:" + sql, fail, failures);
      return World.IoAsync (ms, token, fails ? new TimeoutException (TimeoutMessage) : null, 1);
    }

    public static int Query (string sql, double ms, bool fail = false, int failures = 0)
    {
      bool fails = Faults.ShouldFail ("db:" + sql, fail, failures);
      SimWorld.Sleep (ms);
      if (fails)
        throw new TimeoutException (TimeoutMessage);
      return 1;
    }
  }

  public static class Cpu
  {
    public static void Work (double ms)
    {
      SimWorld.BurnCpu (ms);
    }
  }

  static class World
  {
    // Asynchronous I/O holding no thread: completes (or faults) on a pool thread after
    // @ms, continuations without a context running inline there; canceled by @token.
    public static Task<T> IoAsync<T> (double ms, CancellationToken token, Exception fail, T result)
    {
      var tcs = new TaskCompletionSource<T> ();
      if (token.IsCancellationRequested)
        {
          tcs.SetCanceled ();
          return tcs.Task;
        }
      SimWorld.After (ms, token,
                      () => {
                        if (fail != null)
                          tcs.TrySetException (fail);
                        else
                          tcs.TrySetResult (result);
                      },
                      () => tcs.TrySetCanceled ());
      return tcs.Task;
    }
  }
}
