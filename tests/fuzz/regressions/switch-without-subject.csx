
// @title nested interpolation
using System;
clas// @title t
void Main()
{
    switch (1Ýß{ case 1: Console.WriteLine(1s Program {  static :void Main() {
    i); }
}nt
 a = 2;
    Console.WriteLine($"X{$"y{a}z"}w");
  }
}
