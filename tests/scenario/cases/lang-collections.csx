// @title lists
void Main()
{
    var list = new List<int>();
    list.Add(1); list.Add(2); list.Add(3);
    Console.WriteLine(list.Count);
    Console.WriteLine(list[1]);
    list[1] = 20;
    int sum = 0;
    foreach (int x in list) sum += x;
    Console.WriteLine(sum);
    int[] arr = list.ToArray();
    Console.WriteLine(arr.Length);
    var arr2 = new[] { "x", "y" };
    Console.WriteLine(arr2[1]);
    var sq = Enumerable.Range(1, 4).Select(i => i * i).ToList();
    Console.WriteLine(string.Join(",", sq));
    Console.WriteLine(sq.Sum());
    var evens = sq.Where(v => v % 2 == 0).ToArray();
    Console.WriteLine(evens.Length);
    int[] z = new int[2];
    Console.WriteLine(z[0]);
    Console.WriteLine(list);
    Console.WriteLine(arr);
}
