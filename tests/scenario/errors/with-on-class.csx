// @title error case
class Account { public int Balance; }
void Main()
{
    Account a = new Account();
    var b = a with { Balance = 3 };
}
