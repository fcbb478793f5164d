/* awl-known-api.c
 *
 * The table of .NET and simulated-world members the subset knows. Static members
 * are checked strictly (an unknown `Task.Foo` is an error); instance members only
 * by name, since the front end has no types.
 */

#include "awl-known-api.h"

#include <string.h>

#define V AWL_API_VARIADIC
#define SM AWL_API_STATIC_METHOD
#define SP AWL_API_STATIC_PROPERTY
#define CT AWL_API_CONSTRUCTOR
#define IM AWL_API_INSTANCE_METHOD
#define IP AWL_API_INSTANCE_PROPERTY
#define EV AWL_API_ENUM_VALUE

static const AwlKnownApi api[] = {
  /* Task */
  { "Task", "Run", SM, 1, 2, NULL, 1 },
  { "Task", "Delay", SM, 1, 2, NULL, 0 },
  { "Task", "WhenAll", SM, 1, V, NULL, 0 },
  { "Task", "WhenAny", SM, 1, V, NULL, 0 },
  { "Task", "FromResult", SM, 1, 1, NULL, 1 },
  { "Task", "FromException", SM, 1, 1, NULL, 1 },
  { "Task", "FromCanceled", SM, 1, 1, NULL, 1 },
  { "Task", "CompletedTask", SP, 0, 0, NULL, 0 },
  { "Task", "Yield", SM, 0, 0, NULL, 0 },
  { "Task", "Factory", SP, 0, 0, NULL, 0 },
  { "Task", "WaitAll", SM, 1, V, NULL, 0 },
  { "Task", "WaitAny", SM, 1, V, NULL, 0 },
  { "TaskFactory", "StartNew", IM, 1, 4, NULL, 1 },
  { "Task", "Result", IP, 0, 0, NULL, 0 },
  { "Task", "Wait", IM, 0, 2, NULL, 0 },
  { "Task", "GetAwaiter", IM, 0, 0, NULL, 0 },
  { "Task", "ConfigureAwait", IM, 1, 1, NULL, 0 },
  { "Task", "ContinueWith", IM, 1, 2, NULL, 0 },
  { "Task", "IsCompleted", IP, 0, 0, NULL, 0 },
  { "Task", "IsCompletedSuccessfully", IP, 0, 0, NULL, 0 },
  { "Task", "IsFaulted", IP, 0, 0, NULL, 0 },
  { "Task", "IsCanceled", IP, 0, 0, NULL, 0 },
  { "Task", "Status", IP, 0, 0, NULL, 0 },
  { "Task", "Exception", IP, 0, 0, NULL, 0 },
  { "Task", "Id", IP, 0, 0, NULL, 0 },
  { "Task", "Unwrap", IM, 0, 0, NULL, 0 },
  { "Task", "AsTask", IM, 0, 0, NULL, 0 },
  { "Task", ".ctor", CT, 1, 2, NULL, 0 },
  { "Task", "Start", IM, 0, 0, NULL, 0 },
  { "TaskAwaiter", "GetResult", IM, 0, 0, NULL, 0 },
  { "TaskAwaiter", "IsCompleted", IP, 0, 0, NULL, 0 },
  { "ValueTask", ".ctor", CT, 1, 1, NULL, 1 },
  { "ValueTask", "FromResult", SM, 1, 1, NULL, 1 },
  { "ValueTask", "CompletedTask", SP, 0, 0, NULL, 0 },
  { "TaskCreationOptions", "LongRunning", EV, 0, 0, NULL, 0 },
  { "TaskCreationOptions", "RunContinuationsAsynchronously", EV, 0, 0, NULL, 0 },
  { "TaskCreationOptions", "None", EV, 0, 0, NULL, 0 },
  { "TaskCreationOptions", "DenyChildAttach", EV, 0, 0, NULL, 0 },
  { "TaskContinuationOptions", "None", EV, 0, 0, NULL, 0 },
  { "TaskContinuationOptions", "ExecuteSynchronously", EV, 0, 0, NULL, 0 },
  { "TaskScheduler", "Default", SP, 0, 0, NULL, 0 },
  { "TaskScheduler", "Current", SP, 0, 0, NULL, 0 },
  { "TaskStatus", "RanToCompletion", EV, 0, 0, NULL, 0 },
  { "TaskStatus", "Faulted", EV, 0, 0, NULL, 0 },
  { "TaskStatus", "Canceled", EV, 0, 0, NULL, 0 },
  { "TaskStatus", "Running", EV, 0, 0, NULL, 0 },
  { "TaskStatus", "WaitingForActivation", EV, 0, 0, NULL, 0 },
  { "TaskStatus", "WaitingToRun", EV, 0, 0, NULL, 0 },
  { "TaskStatus", "Created", EV, 0, 0, NULL, 0 },

  /* TaskCompletionSource */
  { "TaskCompletionSource", ".ctor", CT, 0, 1, NULL, 1 },
  { "TaskCompletionSource", "Task", IP, 0, 0, NULL, 0 },
  { "TaskCompletionSource", "SetResult", IM, 0, 1, NULL, 0 },
  { "TaskCompletionSource", "TrySetResult", IM, 0, 1, NULL, 0 },
  { "TaskCompletionSource", "SetException", IM, 1, 1, NULL, 0 },
  { "TaskCompletionSource", "TrySetException", IM, 1, 1, NULL, 0 },
  { "TaskCompletionSource", "SetCanceled", IM, 0, 1, NULL, 0 },
  { "TaskCompletionSource", "TrySetCanceled", IM, 0, 1, NULL, 0 },

  /* SemaphoreSlim */
  { "SemaphoreSlim", ".ctor", CT, 1, 2, NULL, 0 },
  { "SemaphoreSlim", "Wait", IM, 0, 2, NULL, 0 },
  { "SemaphoreSlim", "WaitAsync", IM, 0, 2, NULL, 0 },
  { "SemaphoreSlim", "Release", IM, 0, 1, NULL, 0 },
  { "SemaphoreSlim", "CurrentCount", IP, 0, 0, NULL, 0 },

  /* Cancellation */
  { "CancellationTokenSource", ".ctor", CT, 0, 1, NULL, 0 },
  { "CancellationTokenSource", "Cancel", IM, 0, 1, NULL, 0 },
  { "CancellationTokenSource", "CancelAfter", IM, 1, 1, NULL, 0 },
  { "CancellationTokenSource", "Token", IP, 0, 0, NULL, 0 },
  { "CancellationTokenSource", "IsCancellationRequested", IP, 0, 0, NULL, 0 },
  { "CancellationTokenSource", "Dispose", IM, 0, 0, NULL, 0 },
  { "CancellationTokenSource", "CreateLinkedTokenSource", SM, 1, V, NULL, 0 },
  { "CancellationToken", "None", SP, 0, 0, NULL, 0 },
  { "CancellationToken", "ThrowIfCancellationRequested", IM, 0, 0, NULL, 0 },
  { "CancellationToken", "IsCancellationRequested", IP, 0, 0, NULL, 0 },
  { "CancellationToken", "Register", IM, 1, 1, NULL, 0 },
  { "CancellationToken", "CanBeCanceled", IP, 0, 0, NULL, 0 },

  /* Threads */
  { "Thread", ".ctor", CT, 1, 1, NULL, 0 },
  { "Thread", "Sleep", SM, 1, 1, NULL, 0 },
  { "Thread", "CurrentThread", SP, 0, 0, NULL, 0 },
  { "Thread", "Start", IM, 0, 0, NULL, 0 },
  { "Thread", "Join", IM, 0, 1, NULL, 0 },
  { "Thread", "ManagedThreadId", IP, 0, 0, NULL, 0 },
  { "Thread", "IsThreadPoolThread", IP, 0, 0, NULL, 0 },
  { "Thread", "IsBackground", IP, 0, 0, NULL, 0 },
  { "Thread", "Name", IP, 0, 0, NULL, 0 },
  { "ThreadPool", "SetMinThreads", SM, 2, 2, NULL, 0 },
  { "ThreadPool", "SetMaxThreads", SM, 2, 2, NULL, 0 },
  { "ThreadPool", "QueueUserWorkItem", SM, 1, 2, NULL, 0 },
  { "ThreadPool", "ThreadCount", SP, 0, 0, NULL, 0 },
  { "ThreadPool", "PendingWorkItemCount", SP, 0, 0, NULL, 0 },
  { "Environment", "ProcessorCount", SP, 0, 0, NULL, 0 },
  { "Environment", "CurrentManagedThreadId", SP, 0, 0, NULL, 0 },
  { "Environment", "TickCount", SP, 0, 0, NULL, 0 },
  { "Interlocked", "Increment", SM, 1, 1, NULL, 0 },
  { "Interlocked", "Decrement", SM, 1, 1, NULL, 0 },
  { "Interlocked", "Add", SM, 2, 2, NULL, 0 },
  { "SynchronizationContext", "Current", SP, 0, 0, NULL, 0 },
  { "TimeSpan", "FromMilliseconds", SM, 1, 1, NULL, 0 },
  { "TimeSpan", "FromSeconds", SM, 1, 1, NULL, 0 },
  { "TimeSpan", "Zero", SP, 0, 0, NULL, 0 },
  { "TimeSpan", "TotalMilliseconds", IP, 0, 0, NULL, 0 },
  { "Timeout", "Infinite", SP, 0, 0, NULL, 0 },
  { "Stopwatch", "StartNew", SM, 0, 0, NULL, 0 },
  { "Stopwatch", "ElapsedMilliseconds", IP, 0, 0, NULL, 0 },
  { "Stopwatch", "Elapsed", IP, 0, 0, NULL, 0 },
  { "Stopwatch", "Stop", IM, 0, 0, NULL, 0 },

  /* Console and strings */
  { "Console", "WriteLine", SM, 0, V, NULL, 0 },
  { "Console", "Write", SM, 0, V, NULL, 0 },
  { "string", "Join", SM, 2, V, NULL, 0 },
  { "string", "Format", SM, 1, V, NULL, 0 },
  { "string", "Concat", SM, 1, V, NULL, 0 },
  { "string", "IsNullOrEmpty", SM, 1, 1, NULL, 0 },
  { "string", "Empty", SP, 0, 0, NULL, 0 },
  { "String", "Join", SM, 2, V, NULL, 0 },
  { "String", "Format", SM, 1, V, NULL, 0 },
  { "String", "Empty", SP, 0, 0, NULL, 0 },
  { "int", "Parse", SM, 1, 1, NULL, 0 },
  { "int", "MaxValue", SP, 0, 0, NULL, 0 },
  { "int", "MinValue", SP, 0, 0, NULL, 0 },
  { "Math", "Max", SM, 2, 2, NULL, 0 },
  { "Math", "Min", SM, 2, 2, NULL, 0 },
  { "Math", "Abs", SM, 1, 1, NULL, 0 },
  { "Math", "Round", SM, 1, 2, NULL, 0 },
  { "Math", "Sqrt", SM, 1, 1, NULL, 0 },
  { "Math", "Pow", SM, 2, 2, NULL, 0 },

  /* Collections and LINQ */
  { "List", ".ctor", CT, 0, 1, NULL, 1 },
  { "List", "Add", IM, 1, 1, NULL, 0 },
  { "List", "AddRange", IM, 1, 1, NULL, 0 },
  { "List", "Remove", IM, 1, 1, NULL, 0 },
  { "List", "RemoveAt", IM, 1, 1, NULL, 0 },
  { "List", "Clear", IM, 0, 0, NULL, 0 },
  { "List", "Contains", IM, 1, 1, NULL, 0 },
  { "List", "IndexOf", IM, 1, 1, NULL, 0 },
  { "List", "Insert", IM, 2, 2, NULL, 0 },
  { "List", "Count", IP, 0, 0, NULL, 0 },
  { "Array", "Length", IP, 0, 0, NULL, 0 },
  { "Array", "Empty", SM, 0, 0, NULL, 1 },
  { "Enumerable", "Range", SM, 2, 2, NULL, 0 },
  { "Enumerable", "Repeat", SM, 2, 2, NULL, 1 },
  { "Enumerable", "Empty", SM, 0, 0, NULL, 1 },
  { "Enumerable", "Select", IM, 1, 1, NULL, 1 },
  { "Enumerable", "Where", IM, 1, 1, NULL, 1 },
  { "Enumerable", "ToList", IM, 0, 0, NULL, 0 },
  { "Enumerable", "ToArray", IM, 0, 0, NULL, 0 },
  { "Enumerable", "Sum", IM, 0, 1, NULL, 0 },
  { "Enumerable", "Count", IM, 0, 1, NULL, 0 },
  { "Enumerable", "First", IM, 0, 1, NULL, 0 },
  { "Enumerable", "Any", IM, 0, 1, NULL, 0 },
  { "Enumerable", "Max", IM, 0, 1, NULL, 0 },
  { "Enumerable", "Min", IM, 0, 1, NULL, 0 },
  { "Enumerable", "Take", IM, 1, 1, NULL, 0 },
  { "Enumerable", "Skip", IM, 1, 1, NULL, 0 },
  { "Enumerable", "OrderBy", IM, 1, 1, NULL, 0 },
  { "IAsyncEnumerable", "WithCancellation", IM, 1, 1, NULL, 0 },
  { "IAsyncEnumerable", "ConfigureAwait", IM, 1, 1, NULL, 0 },
  { "IAsyncEnumerable", "GetAsyncEnumerator", IM, 0, 1, NULL, 0 },
  { "IAsyncEnumerator", "MoveNextAsync", IM, 0, 0, NULL, 0 },
  { "IAsyncEnumerator", "Current", IP, 0, 0, NULL, 0 },
  { "IAsyncEnumerator", "DisposeAsync", IM, 0, 0, NULL, 0 },

  /* Exceptions */
  { "Exception", ".ctor", CT, 0, 2, NULL, 0 },
  { "Exception", "Message", IP, 0, 0, NULL, 0 },
  { "Exception", "InnerException", IP, 0, 0, NULL, 0 },
  { "Exception", "StackTrace", IP, 0, 0, NULL, 0 },
  { "Exception", "GetType", IM, 0, 0, NULL, 0 },
  { "Exception", "GetBaseException", IM, 0, 0, NULL, 0 },
  { "AggregateException", "InnerExceptions", IP, 0, 0, NULL, 0 },
  { "AggregateException", "Flatten", IM, 0, 0, NULL, 0 },
  { "OperationCanceledException", "CancellationToken", IP, 0, 0, NULL, 0 },
  { "Type", "Name", IP, 0, 0, NULL, 0 },
  { "object", "ToString", IM, 0, 1, NULL, 0 },
  { "object", "Equals", IM, 1, 1, NULL, 0 },
  { "object", "GetHashCode", IM, 0, 0, NULL, 0 },
  { "object", "Dispose", IM, 0, 0, NULL, 0 },
  { "object", "Invoke", IM, 0, V, NULL, 0 },
  { "string", "Length", IP, 0, 0, NULL, 0 },
  { "string", "Contains", IM, 1, 1, NULL, 0 },
  { "string", "StartsWith", IM, 1, 1, NULL, 0 },
  { "string", "EndsWith", IM, 1, 1, NULL, 0 },
  { "string", "Trim", IM, 0, 0, NULL, 0 },
  { "string", "Replace", IM, 2, 2, NULL, 0 },
  { "string", "Substring", IM, 1, 2, NULL, 0 },
  { "string", "ToUpper", IM, 0, 0, NULL, 0 },
  { "string", "ToLower", IM, 0, 0, NULL, 0 },
  { "string", "PadLeft", IM, 1, 2, NULL, 0 },
  { "string", "PadRight", IM, 1, 2, NULL, 0 },

  /* The simulated world */
  { "Http", "GetAsync", SM, 2, 5, "fail failures token", 0 },
  { "Http", "Get", SM, 2, 4, "fail failures", 0 },
  { "Db", "QueryAsync", SM, 2, 5, "fail failures token", 0 },
  { "Db", "Query", SM, 2, 4, "fail failures", 0 },
  { "Cpu", "Work", SM, 1, 1, NULL, 0 },
};

#undef V
#undef SM
#undef SP
#undef CT
#undef IM
#undef IP
#undef EV

/* Type names usable in declarations besides the ones that have members above. */
static const char * const extra_types[] = {
  "bool", "byte", "char", "decimal", "double", "float", "int", "long", "object",
  "sbyte", "short", "string", "uint", "ulong", "ushort", "void", "String", "Int32",
  "Int64", "Boolean", "Double", "Object",
  "IEnumerable", "IList", "ICollection", "IReadOnlyList", "Func", "Action",
  "CancellationToken", "Thread", "TaskAwaiter", "ConfiguredTaskAwaitable",
  "EventArgs", "IAsyncEnumerable", "IAsyncEnumerator", "ValueTask", "Task",
  "IDisposable", "Random", "Dictionary", "Type",
  "System", NULL
};

static const char * const exception_types[] = {
  "Exception", "InvalidOperationException", "HttpRequestException",
  "OperationCanceledException", "TaskCanceledException", "AggregateException",
  "ArgumentException", "ArgumentNullException", "ArgumentOutOfRangeException",
  "TimeoutException", "NotImplementedException", "NotSupportedException",
  "DivideByZeroException", "NullReferenceException", "ObjectDisposedException",
  "IndexOutOfRangeException", "FormatException", "IOException",
  "SemaphoreFullException", "ApplicationException", NULL
};

static const char *
last_segment (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL ? dot + 1 : name;
}

gboolean
awl_known_api_is_exception_type (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return g_strv_contains (exception_types, last_segment (name));
}

gboolean
awl_known_api_is_type (const char *name)
{
  const char *n;

  g_return_val_if_fail (name != NULL, FALSE);

  n = last_segment (name);
  for (guint i = 0; i < G_N_ELEMENTS (api); i++)
    if (strcmp (api[i].type, n) == 0 &&
        (api[i].kind == AWL_API_STATIC_METHOD || api[i].kind == AWL_API_STATIC_PROPERTY ||
         api[i].kind == AWL_API_ENUM_VALUE || api[i].kind == AWL_API_CONSTRUCTOR))
      return TRUE;

  return strcmp (n, "System") == 0 || awl_known_api_is_exception_type (n);
}

gboolean
awl_known_api_is_type_name (const char *name)
{
  const char *n;

  g_return_val_if_fail (name != NULL, FALSE);

  n = last_segment (name);
  if (g_strv_contains (extra_types, n) || awl_known_api_is_exception_type (n))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (api); i++)
    if (strcmp (api[i].type, n) == 0)
      return TRUE;

  return FALSE;
}

const AwlKnownApi *
awl_known_api_lookup (const char *type,
                      const char *member,
                      AwlApiKind  kind)
{
  const char *t;

  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (member != NULL, NULL);

  t = last_segment (type);
  for (guint i = 0; i < G_N_ELEMENTS (api); i++)
    if (api[i].kind == kind && strcmp (api[i].type, t) == 0 && strcmp (api[i].member, member) == 0)
      return &api[i];

  /* Every exception type has Exception's constructor. */
  if (kind == AWL_API_CONSTRUCTOR && strcmp (member, ".ctor") == 0 &&
      awl_known_api_is_exception_type (t))
    return awl_known_api_lookup ("Exception", ".ctor", kind);

  return NULL;
}

const AwlKnownApi *
awl_known_api_lookup_static (const char *type,
                             const char *member)
{
  const AwlKnownApi *a;

  if ((a = awl_known_api_lookup (type, member, AWL_API_STATIC_METHOD)) != NULL)
    return a;
  if ((a = awl_known_api_lookup (type, member, AWL_API_STATIC_PROPERTY)) != NULL)
    return a;
  return awl_known_api_lookup (type, member, AWL_API_ENUM_VALUE);
}

gboolean
awl_known_api_has_instance_member (const char *member)
{
  g_return_val_if_fail (member != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (api); i++)
    if ((api[i].kind == AWL_API_INSTANCE_METHOD || api[i].kind == AWL_API_INSTANCE_PROPERTY) &&
        strcmp (api[i].member, member) == 0)
      return TRUE;

  return FALSE;
}

const AwlKnownApi *
awl_known_api_get_all (guint *n_items)
{
  if (n_items != NULL)
    *n_items = G_N_ELEMENTS (api);
  return api;
}
