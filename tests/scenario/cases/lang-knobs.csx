// @title knobs are constants
// @knob Count = 3 "how many"
// @knob Verbose = false "say more"
// @knob Factor = 1.5 "a factor"
void Main()
{
    for (int i = 0; i < Count; i++)
        if (Verbose) Console.WriteLine($"item {i}");
    Console.WriteLine($"count={Count} factor={Factor} product={Count * Factor}");
}
