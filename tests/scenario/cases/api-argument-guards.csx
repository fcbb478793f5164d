// @title the .NET 8 argument guards name the argument as written
// Checked against .NET 10 (dotnet run): the expected output is what it printed.
void Try(Action a) { try { a(); Console.WriteLine("ok"); } catch (Exception e) { Console.WriteLine($"{e.GetType().Name}: {e.Message}"); } }
int count = 0, n = -3; string s = null; string empty = "";
Try(() => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count));
Try(() => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, nameof(count)));
Try(() => ArgumentOutOfRangeException.ThrowIfNegative(n));
Try(() => ArgumentOutOfRangeException.ThrowIfZero(count));
Try(() => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(5));
Try(() => ArgumentNullException.ThrowIfNull(s));
Try(() => ArgumentException.ThrowIfNullOrEmpty(empty));
Try(() => ArgumentException.ThrowIfNullOrEmpty(s));
Try(() => ArgumentOutOfRangeException.ThrowIfGreaterThan(n + 20, 10));
Try(() => ArgumentOutOfRangeException.ThrowIfLessThan(n, 0));
Try(() => ArgumentException.ThrowIfNullOrEmpty(""));
char grade = 'B';
Console.WriteLine((int)grade + 1);
