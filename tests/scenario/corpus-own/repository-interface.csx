// @title An async repository behind an interface
// Modelled on: the everyday service/repository layering: an IRepository<T>-style
// interface with async methods, an implementation, and a service using it. Our own code.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;

interface ICustomerRepository
{
    Task<string> FindAsync(int id);
    Task SaveAsync(int id, string name);
}

class HttpCustomerRepository : ICustomerRepository
{
    private readonly Dictionary<int, string> saved = new Dictionary<int, string>();

    public async Task<string> FindAsync(int id)
    {
        await Db.QueryAsync($"select name from customers where id = {id}", 80);
        return saved.ContainsKey(id) ? saved[id] : "unknown";
    }

    public async Task SaveAsync(int id, string name)
    {
        await Db.QueryAsync($"update customers set name = '{name}' where id = {id}", 120);
        saved[id] = name;
    }
}

class CustomerService
{
    private readonly ICustomerRepository repository;

    public CustomerService(ICustomerRepository repository)
    {
        this.repository = repository;
    }

    public async Task RenameAsync(int id, string name)
    {
        string before = await repository.FindAsync(id);
        await repository.SaveAsync(id, name);
        Console.WriteLine($"customer {id}: {before} -> {await repository.FindAsync(id)}");
    }
}

class Program
{
    static async Task Main()
    {
        var service = new CustomerService(new HttpCustomerRepository());
        await service.RenameAsync(7, "Ada");
        await service.RenameAsync(7, "Grace");
    }
}
