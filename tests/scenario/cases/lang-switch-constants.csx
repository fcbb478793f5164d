// @title sw const
// Checked against .NET 10 and Mono (build-aux/fidelity, 2026-12-05): the same lines.
enum Stage { Queued, Done }
static string Name(Stage s)
{
    switch (s)
    {
        case Stage.Queued:
            return "queued";
        default:
            return "other";
    }
}
void Main()
{
    for (int i = 0; i < 4; i++)
    {
        switch (i)
        {
            case 0:
                continue;
            case 1:
            case 2:
                Console.WriteLine($"small {i}");
                break;
            default:
                Console.WriteLine("big");
                break;
        }
    }
    string cmd = null;
    switch (cmd) { case null: Console.WriteLine("none"); break; case "go": Console.WriteLine("go"); break; }
    Console.WriteLine(Name(Stage.Queued) + Name(Stage.Done));
}
