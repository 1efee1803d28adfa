Console.WriteLine("sweeps");
