// @title web2
// @environment aspnet-classic
// @entry Handle
void Handle()
{
    Console.WriteLine("sync handler");
}
