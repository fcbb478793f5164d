// @title error case
class Receipt { public int Total; }
void Main()
{
    try { Console.WriteLine(1); }
    catch (Receipt r) { Console.WriteLine(r.Total); }
}
