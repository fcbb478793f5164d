// @title t
IEnumerable<int> Numbers()
{
    try { yield return 1; } catch (Exception) { }
}
void Main() { }
