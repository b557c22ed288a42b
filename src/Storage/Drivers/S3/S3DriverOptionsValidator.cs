namespace Registry.Storage.Drivers.S3;

/// <summary>Checks <see cref="S3DriverOptions"/> at start-up, with messages that name the <c>storage.s3</c> key.</summary>
public static class S3DriverOptionsValidator
{
    /// <summary>Storage classes that distribution accepts: the instant-retrieval ones, and NONE.</summary>
    public static readonly IReadOnlySet<string> StorageClasses = new HashSet<string>(StringComparer.Ordinal)
    {
        S3DriverOptions.NoStorageClass, "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
        "INTELLIGENT_TIERING", "OUTPOSTS", "GLACIER_IR", "EXPRESS_ONEZONE",
    };

    /// <summary>Canned object ACLs that distribution accepts.</summary>
    public static readonly IReadOnlySet<string> ObjectAcls = new HashSet<string>(StringComparer.Ordinal)
    {
        "private", "public-read", "public-read-write", "authenticated-read", "aws-exec-read",
        "bucket-owner-read", "bucket-owner-full-control",
    };

    /// <summary>Returns every problem of <paramref name="options"/>, one message per key.</summary>
    public static IReadOnlyList<string> Problems(S3DriverOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            problems.Add("storage.s3.bucket is missing. Set it to the name of the bucket that stores the registry.");
        }

        if (options.RegionEndpoint.Length == 0 && options.Region.Length == 0)
        {
            problems.Add("storage.s3.region is missing. Set it to the bucket's AWS region, or set storage.s3.regionendpoint for an S3-compatible service.");
        }

        if (options.RegionEndpoint.Length > 0 && !Uri.TryCreate(S3ClientFactory.EndpointUrl(options), UriKind.Absolute, out _))
        {
            problems.Add($"storage.s3.regionendpoint '{options.RegionEndpoint}' is not a valid URL.");
        }

        if ((options.AccessKey.Length == 0) != (options.SecretKey.Length == 0))
        {
            problems.Add("storage.s3.accesskey and storage.s3.secretkey must be set together, or both left empty to use the default credential chain.");
        }

        // The writer buffers one part in an array, so a part is also limited to the largest array.
        CheckRange(problems, "storage.s3.chunksize", options.ChunkSize, S3DriverOptions.MinPartSize, Array.MaxLength);
        CheckRange(problems, "storage.s3.multipartcopychunksize", options.MultipartCopyChunkSize, S3DriverOptions.MinPartSize, S3DriverOptions.MaxPartSize);
        CheckRange(problems, "storage.s3.multipartcopythresholdsize", options.MultipartCopyThresholdSize, 0, S3DriverOptions.MaxPartSize);
        if (options.MultipartCopyMaxConcurrency < 1)
        {
            problems.Add($"storage.s3.multipartcopymaxconcurrency {options.MultipartCopyMaxConcurrency} is invalid. Set it to 1 or more.");
        }

        if (!StorageClasses.Contains(options.StorageClass.ToUpperInvariant()))
        {
            problems.Add($"storage.s3.storageclass '{options.StorageClass}' is invalid. Use one of {string.Join(", ", StorageClasses)}.");
        }

        if (!ObjectAcls.Contains(options.ObjectAcl))
        {
            problems.Add($"storage.s3.objectacl '{options.ObjectAcl}' is invalid. Use one of {string.Join(", ", ObjectAcls)}.");
        }

        if (options.MaxAttempts < 1)
        {
            problems.Add($"S3 max attempts {options.MaxAttempts} is invalid. Set it to 1 or more.");
        }

        return problems;
    }

    /// <summary>Raises <see cref="ArgumentException"/> listing every problem of <paramref name="options"/>.</summary>
    public static void Validate(S3DriverOptions options)
    {
        var problems = Problems(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }
    }

    private static void CheckRange(List<string> problems, string key, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            problems.Add($"{key} {value} is out of range. Set it to between {min} and {max} bytes.");
        }
    }
}
