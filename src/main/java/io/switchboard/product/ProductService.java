package io.switchboard.product;

import io.switchboard.common.ApiException;
import io.switchboard.common.Keyset;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class ProductService {

    private final TenantContext tenantContext;
    private final EntityManager entityManager;

    ProductService(TenantContext tenantContext, EntityManager entityManager) {
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
    }

    public Page<ProductView> list(PageRequest page) {
        return Keyset.of(Product.class, tenantContext.requireTenantId()).page(entityManager, page, ProductView::of);
    }

    public ProductView get(UUID id) {
        return ProductView.of(find(id));
    }

    public ProductView create(ProductRequest request) {
        Product product = new Product();
        product.tenantId = tenantContext.requireTenantId();
        apply(product, request);
        product.persist();
        return ProductView.of(product);
    }

    public ProductView replace(UUID id, ProductRequest request) {
        Product product = find(id);
        apply(product, request);
        entityManager.flush();
        return ProductView.of(product);
    }

    public void delete(UUID id) {
        find(id).delete();
    }

    private Product find(UUID id) {
        return Product.findForTenant(tenantContext.requireTenantId(), id)
                .orElseThrow(() -> new ApiException.NotFound("Product " + id));
    }

    private static void apply(Product product, ProductRequest request) {
        if ((request.priceCents() == null) != (request.currency() == null)) {
            throw new ApiException.Invalid(
                    request.priceCents() == null ? "priceCents" : "currency", "priceCents and currency go together");
        }
        product.name = request.name().trim();
        product.description = request.description();
        product.priceCents = request.priceCents();
        product.currency = request.currency();
        product.active = request.active() == null || request.active();
    }
}
