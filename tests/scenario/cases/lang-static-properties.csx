// @title classes: static properties with bodies are read and assigned through their accessors
using System;

class Config
{
    static int level = 1;
    public static int Level { get => level; set { Console.WriteLine($"set {value}"); level = value; } }
    public static void Bump() { Level = Level + 1; }
}

class Program
{
    static void Main()
    {
        Config.Level = 5;
        Config.Bump();
        Config.Level++;
        Config.Level += 10;
        int old = Config.Level++;
        int now = Config.Level = 40;
        Console.WriteLine($"{old} {now} {Config.Level}");
    }
}
