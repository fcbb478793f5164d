// @title A list of large arrays meets the memory budget
void Main()
{
    var l = new List<int[]>();
    while (true) l.Add(new int[10000000]);
}
