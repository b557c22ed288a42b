namespace Registry.EndToEndTests.Infrastructure;

/// <summary>Paths of the repository checkout and of the shared tools folder beside it.</summary>
public static class RepositoryPaths
{
    /// <summary>The directory containing Registry.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// make-test-image.sh, which writes an OCI image layout of random layers without a container
    /// engine. It lives in the shared folder beside the repository root, both in a developer's
    /// checkout and in CI's fresh clone, and is run with bash because that copy has no execute bits.
    /// </summary>
    public static string MakeTestImageScript
    {
        get
        {
            var script = Path.GetFullPath(Path.Combine(Root, "..", "shared", "tools", "make-test-image.sh"));
            if (!File.Exists(script))
            {
                throw new FileNotFoundException(
                    $"make-test-image.sh was not found at {script}. The end-to-end tests expect the shared " +
                    $"folder, with tools/make-test-image.sh, beside the repository root {Root}.",
                    script);
            }

            return script;
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Registry.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No directory containing Registry.sln was found above the test assembly directory {AppContext.BaseDirectory}.");
    }
}
