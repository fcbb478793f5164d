// @title t
void Main()
{
    try { } catch (Exception) { } catch (InvalidOperationException) { }
}
