using Amazon.S3;
using Amazon.S3.Model;

namespace Registry.Storage.Drivers.S3;

// The settings that every new object gets: canned ACL, storage class and server-side encryption.
public sealed partial class S3Driver
{
    internal void ApplyObjectSettings(PutObjectRequest request)
    {
        request.CannedACL = new S3CannedACL(_options.ObjectAcl);
        request.StorageClass = StorageClassOrNull();
        request.ServerSideEncryptionMethod = EncryptionMethodOrNull();
        request.ServerSideEncryptionKeyManagementServiceKeyId = KmsKeyIdOrNull();
    }

    internal void ApplyObjectSettings(InitiateMultipartUploadRequest request)
    {
        request.ContentType = ContentType;
        request.CannedACL = new S3CannedACL(_options.ObjectAcl);
        request.StorageClass = StorageClassOrNull();
        request.ServerSideEncryptionMethod = EncryptionMethodOrNull();
        request.ServerSideEncryptionKeyManagementServiceKeyId = KmsKeyIdOrNull();
    }

    internal void ApplyObjectSettings(CopyObjectRequest request)
    {
        request.CannedACL = new S3CannedACL(_options.ObjectAcl);
        request.StorageClass = StorageClassOrNull();
        request.ServerSideEncryptionMethod = EncryptionMethodOrNull();
        request.ServerSideEncryptionKeyManagementServiceKeyId = KmsKeyIdOrNull();
    }

    private S3StorageClass? StorageClassOrNull() =>
        _options.StorageClass.Equals(S3DriverOptions.NoStorageClass, StringComparison.OrdinalIgnoreCase)
            ? null
            : new S3StorageClass(_options.StorageClass.ToUpperInvariant());

    private ServerSideEncryptionMethod? EncryptionMethodOrNull()
    {
        if (!_options.Encrypt)
        {
            return null;
        }

        return _options.KeyId.Length > 0 ? ServerSideEncryptionMethod.AWSKMS : ServerSideEncryptionMethod.AES256;
    }

    private string? KmsKeyIdOrNull() => _options.Encrypt && _options.KeyId.Length > 0 ? _options.KeyId : null;
}
